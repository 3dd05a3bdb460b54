import Foundation

/// A repo's files over the Hub's file protocol: `{endpoint}/{ORG}/{NAME}/resolve/{revision}/{file}`,
/// the revision and each path component percent-encoded. Each answer carries the commit it was
/// read at (`X-Repo-Commit`); every status maps to an answer or to a `HubError` that says what to do.
struct HubNetworkFiles: HubFiles {
    let http: HubHTTP
    let environment: HubEnvironment
    let id: HubID
    /// The revision asked for: the id's own for the first requests, then the commit they named.
    let revision: String
    /// Where answers are recorded once the commit is known (nil: not recorded).
    let cache: ParamScopeCache?

    func url(_ name: String) -> URL? {
        let path = [id.organization, id.name, "resolve", revision].map(Self.escape).joined(separator: "/")
            + "/" + name.split(separator: "/", omittingEmptySubsequences: false).map { Self.escape(String($0)) }.joined(separator: "/")
        // Joined as text: `appendingPathComponent` would encode the `%` of the escapes again.
        var base = environment.endpoint.absoluteString
        if base.hasSuffix("/") { base.removeLast() }
        return URL(string: "\(base)/\(path)")
    }

    /// Everything but unreserved characters percent-encoded (a revision's `/` too, as huggingface_hub does).
    static func escape(_ part: String) -> String {
        part.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? part
    }

    var endpointName: String {
        var components = URLComponents(url: environment.endpoint, resolvingAgainstBaseURL: false)
        components?.user = nil
        components?.password = nil
        return components?.string ?? environment.endpoint.absoluteString
    }

    func read(_ name: String, range: Range<Int>?) async throws(HubError) -> HubFileAnswer {
        try await answer(name, range: range).answer
    }

    /// The answer and the commit it was read at.
    func answer(_ name: String, range: Range<Int>?) async throws(HubError) -> (answer: HubFileAnswer, commit: String?) {
        guard let url = url(name) else { throw .protocolError("\(name): no URL can be built from HF_ENDPOINT for this file") }
        let response: HubHTTP.Response
        do {
            response = try await http.get(url, range: range, limit: range.map { $0.count } ?? HubFileLimits.whole)
        } catch {
            switch error {
            case .transport(let message, let timedOut):
                throw .network(endpoint: endpointName, message: message, timedOut: timedOut, timeout: environment.timeout)
            case .dropped(let message):
                // `get` retries these and reports the last as `transport`; kept exhaustive.
                throw .network(endpoint: endpointName, message: message, timedOut: false, timeout: environment.timeout)
            case .protocolError(let message):
                throw .protocolError("\(name): \(message)")
            }
        }
        let hasToken = environment.token != nil
        let answer: HubFileAnswer
        switch response.status {
        case 200, 206:
            guard let size = response.fileSize, size >= 0 else {
                throw .protocolError("\(name): the answer does not say the file's size (no Content-Range or Content-Length)")
            }
            if let range, !response.partial {
                // A server that ignored Range sent the file from byte 0: usable only for a range from 0.
                guard range.lowerBound == 0 else {
                    throw .protocolError("\(name): the server ignored the Range request (HTTP 200 for bytes \(range.lowerBound)-); headers are read by Range only")
                }
            } else if range == nil, response.cutOff {
                throw .protocolError("\(name) is larger than \(HubFileLimits.whole >> 20) MiB; config files and indexes that large are refused")
            }
            answer = .bytes(response.body, size: size)
        case 416:
            // The range starts at or past the end: the file is shorter than the reader hoped.
            answer = .bytes([], size: response.fileSize ?? 0)
        case 401, 403:
            if response.errorCode == "RepoNotFound" { throw .repoNotFound(endpoint: endpointName, hasToken: hasToken) }
            throw .unauthorized(status: response.status, hasToken: hasToken, gated: response.errorCode == "GatedRepo")
        case 404:
            switch response.errorCode {
            case "RepoNotFound": throw .repoNotFound(endpoint: endpointName, hasToken: hasToken)
            case "RevisionNotFound": throw .revisionNotFound(id.revision)
            default: answer = .absent  // EntryNotFound, or a hub that does not say
            }
        case 429, 500...599:
            throw .server(endpoint: endpointName, status: response.status, attempts: HubHTTP.maxAttempts)
        default:
            throw .server(endpoint: endpointName, status: response.status, attempts: 1)
        }
        if let cache { try cache.store(name, range: range, answer) }
        return (answer, response.commit)
    }
}

/// Answers already fetched (the first, speculative requests), read before anything else.
struct HubPrefetched: HubFiles {
    let answers: [String: (range: Range<Int>?, answer: HubFileAnswer)]

    func read(_ name: String, range: Range<Int>?) async throws(HubError) -> HubFileAnswer {
        guard let held = answers[name] else { return .unknown }
        switch held.answer {
        case .absent: return .absent
        case .unknown: return .unknown
        case .bytes(let bytes, let size):
            // Whole, or a head from 0 that covers what is asked.
            let start = held.range?.lowerBound ?? 0
            guard start == 0 else { return .unknown }
            let wanted = range ?? 0..<size
            let end = min(wanted.upperBound, size)
            guard end <= bytes.count, wanted.lowerBound <= end else { return .unknown }
            return .bytes(Array(bytes[wanted.lowerBound..<end]), size: size)
        }
    }
}

/// Several places in order: the first that knows answers.
struct HubLayeredFiles: HubFiles {
    let layers: [any HubFiles]

    func read(_ name: String, range: Range<Int>?) async throws(HubError) -> HubFileAnswer {
        for layer in layers {
            let answer = try await layer.read(name, range: range)
            if case .unknown = answer { continue }
            return answer
        }
        return .unknown
    }
}
