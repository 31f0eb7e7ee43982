import Foundation
import LibFuzzer
import StrataWire

/// Decodes `body` as `T` the way the server does (`RequestBodyDecoder.decode`, whose error is the 400 answer's
/// message) and turns what decoded into domain values with `convert`, which may refuse a field as well.
private func decode<T: Decodable>(_: T.Type, _ body: Data, convert: (T) throws(RequestBodyError) -> Void) {
    do throws(RequestBodyError) {
        try convert(try RequestBodyDecoder.decode(T.self, from: body))
    } catch {
        precondition(!error.message.isEmpty, "a refused body is answered with a message")
    }
}

/// One input as the body of each JSON request the API takes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAPIBodies(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let body = Data(FuzzDriver.bytes(data, size))
    decode(EventBatch.self, body) { batch throws(RequestBodyError) in
        _ = try batch.validatedEvents(now: 1_700_000_000)
    }
    decode(ItemBatch.self, body) { batch throws(RequestBodyError) in _ = try batch.validatedItems() }
    decode(ColdStartRequest.self, body) { _ in }
    return 0
}

FuzzDriver.run(fuzzAPIBodies)
