import FuzzSupport
import LibFuzzer

/// One input read as a CSV events file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    ImportFileFuzzing.readEvents(FuzzDriver.bytes(data, size), extension: "csv")
    return 0
}

FuzzDriver.run(fuzzCSV)
