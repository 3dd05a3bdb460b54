import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The one place ParamScope opens a connection: GET requests to the Hub, through
/// FoundationNetworking's `URLSession` (README, "Hugging Face Hub", says why not async-http-client).
///
/// Redirects are followed here, not by the session, so that the token goes only to the
/// endpoint's own origin (scheme, host and port: dropped on a redirect to a CDN, as
/// huggingface_hub does) and `X-Repo-Commit` is taken from the Hub's own answer. Bodies are
/// capped: a server that ignores `Range` and starts sending a 64 GB file is cut off at the cap.
/// 429 and 5xx answers are retried with a bounded backoff that honours `Retry-After`.
final class HubHTTP: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    struct Response: Sendable {
        var status: Int
        /// The final URL, after redirects.
        var url: URL
        var body: [UInt8]
        /// The Hub's `X-Repo-Commit`, from the first answer that had one.
        var commit: String?
        /// `X-Error-Code` (`RepoNotFound`, `RevisionNotFound`, `EntryNotFound`, `GatedRepo`).
        var errorCode: String?
        var errorMessage: String?
        /// The whole file's size: from `Content-Range: bytes a-b/SIZE`, `X-Linked-Size` or the length.
        var fileSize: Int?
        /// Whether the server answered a Range request with the range (206).
        var partial: Bool
        /// Whether the body was cut off at the limit (a server that ignored `Range`).
        var cutOff: Bool
        /// `Retry-After`, in seconds (the Hub sends seconds, not a date).
        var retryAfter: Double?
    }

    enum Failure: Error, Sendable {
        /// No answer: the message of the transport error; `timedOut` for a timeout.
        case transport(String, timedOut: Bool)
        /// The connection closed or reset before a whole answer (a keep-alive connection the
        /// server dropped, a proxy that gave up): retried by `get`, then reported as `transport`.
        case dropped(String)
        /// Too many redirects, a redirect without a location.
        case protocolError(String)
    }

    private let endpoint: URL
    private let token: HubToken?
    /// Set once in `init` (the session needs `self` as its delegate).
    private var session: URLSession!
    private let lock = NSLock()
    private var pending: [Int: Pending] = [:]

    /// What a connection that closed or reset mid-request surfaces as (libcurl's "empty reply",
    /// "connection reset", "receive failure" under URLSession).
    static let dropped: Set<URLError.Code> = [.networkConnectionLost, .badServerResponse]

    static let maxRedirects = 10
    static let maxAttempts = 5
    /// The longest wait between two attempts, whatever `Retry-After` says.
    static let maxBackoff = 20.0

    init(endpoint: URL, token: HubToken?, timeout: Double, connections: Int) {
        self.endpoint = endpoint
        self.token = token
        super.init()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.httpMaximumConnectionsPerHost = connections
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
    }

    func invalidate() { session.finishTasksAndInvalidate() }

    /// GET `url` (with `range`, if any), following redirects and retrying 429, 5xx and dropped
    /// connections (not a refused connection or a timeout: those fail at once, with advice).
    ///
    /// - Parameter limit: the most body bytes kept; the rest of a longer body is never read
    ///   (`cutOff`), so a server that ignores `Range` costs `limit` bytes, not the file.
    func get(_ url: URL, range: Range<Int>? = nil, limit: Int) async throws(Failure) -> Response {
        var attempt = 1
        while true {
            var retryAfter: Double?
            do {
                let response = try await follow(url, range: range, limit: limit)
                guard response.status == 429 || (500...599).contains(response.status), attempt < Self.maxAttempts else {
                    return response
                }
                retryAfter = response.retryAfter
            } catch .dropped(let message) {
                guard attempt < Self.maxAttempts else {
                    throw .transport("\(message) (\(attempt) attempts)", timedOut: false)
                }
            }
            let wait = min(Self.maxBackoff, retryAfter ?? 0.5 * Double(1 << (attempt - 1)))
            try? await Task.sleep(nanoseconds: UInt64(wait * 1e9))
            attempt += 1
        }
    }

    /// One attempt: the request and its redirects.
    private func follow(_ start: URL, range: Range<Int>?, limit: Int) async throws(Failure) -> Response {
        var url = start
        var commit: String?
        var linkedSize: Int?
        for _ in 0...Self.maxRedirects {
            var request = URLRequest(url: url)
            request.httpMethod = "GET"
            request.setValue("paramscope/0.1", forHTTPHeaderField: "User-Agent")
            // Identity: a compressed body would make the byte counts and ranges mean something else.
            request.setValue("identity", forHTTPHeaderField: "Accept-Encoding")
            if let range { request.setValue("bytes=\(range.lowerBound)-\(range.upperBound - 1)", forHTTPHeaderField: "Range") }
            if let token, Self.sameOrigin(url, endpoint) { request.setValue(token.bearer, forHTTPHeaderField: "Authorization") }
            let (http, body, cutOff) = try await send(request, limit: limit)
            commit = commit ?? http.value(forHTTPHeaderField: "X-Repo-Commit")
            linkedSize = linkedSize ?? http.value(forHTTPHeaderField: "X-Linked-Size").flatMap { Int($0) }
            if (300...399).contains(http.statusCode) && http.statusCode != 304 {
                guard let location = http.value(forHTTPHeaderField: "Location"), let next = URL(string: location, relativeTo: url)?.absoluteURL,
                      let scheme = next.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
                    throw .protocolError("a redirect (\(http.statusCode)) without a usable Location")
                }
                url = next
                continue
            }
            var size = linkedSize
            if let contentRange = http.value(forHTTPHeaderField: "Content-Range"), let slash = contentRange.lastIndex(of: "/") {
                size = Int(contentRange[contentRange.index(after: slash)...]) ?? size
            } else if http.statusCode == 200 {
                size = size ?? (http.expectedContentLength >= 0 ? Int(http.expectedContentLength) : nil)
            }
            return Response(status: http.statusCode, url: url, body: body, commit: commit,
                            errorCode: http.value(forHTTPHeaderField: "X-Error-Code"),
                            errorMessage: http.value(forHTTPHeaderField: "X-Error-Message"),
                            fileSize: size, partial: http.statusCode == 206, cutOff: cutOff,
                            retryAfter: http.value(forHTTPHeaderField: "Retry-After").flatMap { Double($0) }.map { max(0, $0) })
        }
        throw .protocolError("more than \(Self.maxRedirects) redirects")
    }

    /// The token's origin rule: same scheme, host and port as the endpoint.
    static func sameOrigin(_ url: URL, _ endpoint: URL) -> Bool {
        func port(_ url: URL) -> Int? { url.port ?? (url.scheme?.lowercased() == "https" ? 443 : url.scheme?.lowercased() == "http" ? 80 : nil) }
        return url.scheme?.lowercased() == endpoint.scheme?.lowercased() && url.host?.lowercased() == endpoint.host?.lowercased()
            && port(url) == port(endpoint)
    }

    // MARK: - One request through the session delegate

    private final class Pending {
        let continuation: CheckedContinuation<(HTTPURLResponse, [UInt8], Bool), any Error>
        let limit: Int
        var response: HTTPURLResponse?
        var body: [UInt8] = []
        var overLimit = false
        init(_ continuation: CheckedContinuation<(HTTPURLResponse, [UInt8], Bool), any Error>, limit: Int) {
            self.continuation = continuation
            self.limit = limit
        }
    }

    private func send(_ request: URLRequest, limit: Int) async throws(Failure) -> (HTTPURLResponse, [UInt8], Bool) {
        do {
            return try await withCheckedThrowingContinuation { continuation in
                let task = session.dataTask(with: request)
                lock.withLock { pending[task.taskIdentifier] = Pending(continuation, limit: limit) }
                task.resume()
            }
        } catch let failure as Failure {
            throw failure
        } catch let error as URLError where Self.dropped.contains(error.code) {
            throw .dropped(error.localizedDescription)
        } catch let error as URLError {
            throw .transport(error.localizedDescription, timedOut: error.code == .timedOut)
        } catch {
            throw .transport("\(error)", timedOut: false)
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        // Deliver the redirect itself: `follow` decides where the token may go.
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        lock.withLock { pending[dataTask.taskIdentifier]?.response = response as? HTTPURLResponse }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let cancel: Bool = lock.withLock {
            guard let state = pending[dataTask.taskIdentifier], !state.overLimit else { return false }
            guard state.body.count + data.count <= state.limit else {
                state.body.append(contentsOf: data.prefix(state.limit - state.body.count))
                state.overLimit = true
                return true
            }
            state.body.append(contentsOf: data)
            return false
        }
        if cancel { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let state = lock.withLock({ pending.removeValue(forKey: task.taskIdentifier) }) else { return }
        if state.overLimit, let response = state.response {
            state.continuation.resume(returning: (response, state.body, true))
        } else if let error {
            state.continuation.resume(throwing: error)
        } else if let response = state.response ?? task.response as? HTTPURLResponse {
            state.continuation.resume(returning: (response, state.body, false))
        } else {
            state.continuation.resume(throwing: Failure.transport("no HTTP response", timedOut: false))
        }
    }
}
