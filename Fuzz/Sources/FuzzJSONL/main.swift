import FuzzSupport
import LibFuzzer

/// One input read as a JSONL events file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONL(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    ImportFileFuzzing.readEvents(FuzzDriver.bytes(data, size), extension: "jsonl")
    return 0
}

FuzzDriver.run(fuzzJSONL)
