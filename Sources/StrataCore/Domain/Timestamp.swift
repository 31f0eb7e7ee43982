/// Reading and writing event times as Unix seconds (UTC).
public enum Timestamp {
    /// Unix seconds from either a decimal number of seconds (`1700000000`, `1700000000.25` — the
    /// fraction is dropped) or an ISO-8601 date or date-time (`2024-03-01`, `2024-03-01T12:30:00Z`,
    /// `2024-03-01 12:30:00.123+02:00`; no zone means UTC). `nil` when the text is neither.
    public static func parse<S: StringProtocol>(_ text: S) -> Int64? {
        var string = String(text)
        return string.withUTF8 { all in
            var start = all.startIndex
            var end = all.endIndex
            while start < end, all[start] == UInt8(ascii: " ") { start += 1 }
            while end > start, all[end - 1] == UInt8(ascii: " ") { end -= 1 }
            guard start < end else { return nil }
            let bytes = UnsafeBufferPointer(rebasing: all[start ..< end])
            if bytes.count >= 10, bytes[4] == UInt8(ascii: "-") { return parseISO8601(bytes) }
            return parseSeconds(bytes)
        }
    }

    /// The ISO-8601 UTC form of `seconds`, e.g. `2024-03-01T12:30:00Z`.
    public static func iso8601(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (y, m, d) = civil(fromDays: days)
        func pad(_ v: Int64, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }

    private static func parseSeconds(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        var negative = false
        if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") {
            negative = b[0] == UInt8(ascii: "-")
            i = 1
        }
        var value: Int64 = 0
        var digits = 0
        while i < b.count, let d = digit(b[i]) {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(d)
            guard !o1, !o2 else { return nil }
            value = a
            digits += 1
            i += 1
        }
        guard digits > 0 else { return nil }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, digit(b[i]) != nil { i += 1 }
        }
        return i == b.count ? (negative ? -value : value) : nil
    }

    private static func parseISO8601(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        func number(_ width: Int) -> Int64? {
            guard i + width <= b.count else { return nil }
            var v: Int64 = 0
            for k in i ..< i + width {
                guard let d = digit(b[k]) else { return nil }
                v = v * 10 + d
            }
            i += width
            return v
        }
        func expect(_ c: Character) -> Bool {
            guard i < b.count, b[i] == c.asciiValue! else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
            (1 ... 12).contains(month), (1 ... daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var seconds = days(fromCivil: year, month, day) * 86_400
        guard i < b.count else { return seconds }
        guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == UInt8(ascii: " ") else { return nil }
        i += 1
        guard let hour = number(2), hour < 24, expect(":"), let minute = number(2), minute < 60 else { return nil }
        seconds += hour * 3600 + minute * 60
        if expect(":") {
            guard let second = number(2), second <= 60 else { return nil }
            seconds += second
            if expect(".") || expect(",") {
                let start = i
                while i < b.count, digit(b[i]) != nil { i += 1 }
                guard i > start else { return nil }
            }
        }
        guard i < b.count else { return seconds }
        if expect("Z") || expect("z") { return i == b.count ? seconds : nil }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return nil }
        let sign: Int64 = b[i] == UInt8(ascii: "+") ? 1 : -1
        i += 1
        guard let offsetHours = number(2), offsetHours < 24 else { return nil }
        var offsetMinutes: Int64 = 0
        if i < b.count {
            _ = expect(":")
            guard let m = number(2), m < 60 else { return nil }
            offsetMinutes = m
        }
        guard i == b.count else { return nil }
        return seconds - sign * (offsetHours * 3600 + offsetMinutes * 60)
    }

    private static func digit(_ c: UInt8) -> Int64? {
        c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") ? Int64(c - UInt8(ascii: "0")) : nil
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    private static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day number since 1970-01-01 (H. Hinnant's `civil_from_days`).
    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
