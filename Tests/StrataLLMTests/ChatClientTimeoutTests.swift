import Testing

@testable import StrataLLM

/// `--llm-timeout` is the one limit on a request: the HTTP client has no read timeout of its own that would
/// cut off a model on a CPU before its first byte (`HTTPClient.shared` stops reading after 90 s).
@Suite struct ChatClientTimeoutTests {
    @Test func onlyTheRequestDeadlineLimitsAnAnswer() {
        #expect(ChatClient.httpConfiguration.timeout.read == nil)
        #expect(ChatClient.httpConfiguration.timeout.connect != nil, "an endpoint that is down is still found out")
    }
}
