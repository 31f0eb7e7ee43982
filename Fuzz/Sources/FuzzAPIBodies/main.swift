import Foundation
import FuzzSupport
import LibFuzzer

@testable import StrataServer

/// Decodes `body` as `T` the way the server does (`JSONResponse.decode`), describing a failure as the
/// 400 answer would, and turns what decoded into domain values with `convert`.
private func decode<T: Decodable>(_: T.Type, _ body: Data, convert: (T) throws -> Void) {
    do {
        try convert(try JSONDecoder().decode(T.self, from: body))
    } catch let error as DecodingError {
        _ = JSONResponse.describe(error)
    } catch is APIError {
        // A field the server rejects with a 400.
    } catch {
        // Malformed JSON: a 400 too.
    }
}

/// One input as the body of each JSON request the API takes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAPIBodies(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let body = Data(FuzzDriver.bytes(data, size))
    decode(EventBatch.self, body) { batch in
        for (index, event) in batch.events.enumerated() { _ = try event.event(at: index, now: 1_700_000_000) }
    }
    decode(ItemBatch.self, body) { batch in
        for (index, item) in batch.items.enumerated() { _ = try item.item(at: index) }
    }
    decode(ColdStartRequest.self, body) { _ in }
    return 0
}

FuzzDriver.run(fuzzAPIBodies)
