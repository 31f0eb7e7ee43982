import Foundation
import Hummingbird
import NIOCore
import StrataPipeline
import StrataWire

/// An answer other than success, sent as `{"error": {"status": 400, "message": "…"}}`.
public struct APIError: Error, HTTPResponseError, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var message: String
    /// Headers sent with the error, such as `Retry-After`.
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    public var description: String { "\(status.code) \(message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try JSONResponse.make(
            Body(error: .init(status: Int(status.code), message: message)), status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    private struct Body: Encodable {
        struct Detail: Encodable {
            var status: Int
            var message: String
        }
        var error: Detail
    }

    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, message) }
    static func notFound(_ message: String) -> APIError { APIError(.notFound, message) }

    /// The 400 answer to a request body the API refuses.
    init(_ error: RequestBodyError) { self.init(.badRequest, error.message) }
}

/// JSON responses and request bodies.
enum JSONResponse {
    /// `value` encoded as JSON with `status`.
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONOutput.data(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Reads at most `limit` bytes of the request body and decodes it, or fails with a 4xx naming what
    /// is wrong and where.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, "request body exceeds the limit of \(limit) bytes")
        }
        do throws(RequestBodyError) {
            return try RequestBodyDecoder.decode(T.self, from: Data(buffer.readableBytesView))
        } catch {
            throw APIError(error)
        }
    }
}
