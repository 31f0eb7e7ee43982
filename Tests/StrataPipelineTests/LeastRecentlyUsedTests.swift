import StrataPipeline
import Testing

/// The bounded map (kept histories, a server's profiles) against a plain reference: a list of keys, most recently used last.
@Suite struct LeastRecentlyUsedTests {
    @Test(arguments: [1, 2, 5, .max]) func aRandomRunKeepsWhatTheReferenceKeeps(limit: Int) {
        var cache = LeastRecentlyUsed<Int, String>(limit: limit)
        var reference = [(key: Int, value: String)]()
        var generator = SystemRandomNumberGenerator()
        for step in 0 ..< 2000 {
            let key = Int.random(in: 0 ..< 8, using: &generator)
            switch Int.random(in: 0 ..< 4, using: &generator) {
            case 0:
                let value = "v\(step)"
                cache.set(value, for: key)
                reference.removeAll { $0.key == key }
                reference.append((key, value))
                if reference.count > limit { reference.removeFirst() }
            case 1:
                cache.remove(key)
                reference.removeAll { $0.key == key }
            case 2:
                #expect(cache.peek(key) == reference.first { $0.key == key }?.value)
            default:
                let expected = reference.firstIndex { $0.key == key }.map { reference.remove(at: $0) }
                if let expected { reference.append(expected) }
                #expect(cache.value(for: key) == expected?.value)
            }
            #expect(cache.count == reference.count)
            #expect(Set(cache.keys) == Set(reference.map(\.key)))
            #expect(cache.values.sorted() == reference.map(\.value).sorted())
        }
    }

    @Test func theLeastRecentlyUsedLeavesFirst() {
        var cache = LeastRecentlyUsed<String, Int>(limit: 2)
        cache.set(1, for: "a")
        cache.set(2, for: "b")
        _ = cache.value(for: "a")  // b is now the least recently used
        cache.set(3, for: "c")
        #expect(cache.peek("b") == nil && cache.peek("a") == 1 && cache.peek("c") == 3)
        _ = cache.peek("a")  // peeking leaves the order: a is still the least recently used
        cache.set(4, for: "d")
        #expect(cache.peek("a") == nil && Set(cache.keys) == ["c", "d"])
    }
}
