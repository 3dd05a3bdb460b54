import Foundation

/// What the Hugging Face tools already read from the environment, read the same way:
/// `HF_ENDPOINT`, `HF_TOKEN` (else `HUGGING_FACE_HUB_TOKEN`, else the token file),
/// `HF_HUB_OFFLINE`, `HF_HUB_CACHE` / `HF_HOME`, `HF_HUB_DOWNLOAD_TIMEOUT`; and ParamScope's own
/// cache under `XDG_CACHE_HOME`.
public struct HubEnvironment: Sendable {
    /// `https://huggingface.co` unless `HF_ENDPOINT` names a mirror or an on-premise hub.
    public var endpoint: URL
    /// Never printed: `HubToken`'s description hides it.
    public var token: HubToken?
    /// `HF_HUB_OFFLINE=1` or `--offline`: no connection at all, caches only.
    public var offline: Bool
    /// The Hugging Face cache (`models--ORG--NAME/refs`, `snapshots`), read before the network.
    public var huggingFaceCache: String
    /// ParamScope's own cache of configs and headers it fetched.
    public var cache: String
    /// Seconds without a byte before a request fails.
    public var timeout: Double
    /// Hub models fetched at once.
    public var concurrency: Int

    public init(endpoint: URL, token: HubToken?, offline: Bool, huggingFaceCache: String, cache: String,
                timeout: Double = 10, concurrency: Int = 8) {
        self.endpoint = endpoint
        self.token = token
        self.offline = offline
        self.huggingFaceCache = huggingFaceCache
        self.cache = cache
        self.timeout = timeout
        self.concurrency = concurrency
    }

    /// The environment of this process (or `variables`), with `offline` forced on by `--offline`.
    ///
    /// - Throws: a `HF_ENDPOINT` that is not an http(s) URL, or a timeout that is not a number.
    public static func current(_ variables: [String: String] = ProcessInfo.processInfo.environment,
                               offline: Bool = false) throws(Diagnostic) -> HubEnvironment {
        let home = variables["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        func nonEmpty(_ key: String) -> String? { variables[key].flatMap { $0.isEmpty ? nil : $0 } }

        let endpointText = nonEmpty("HF_ENDPOINT").map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? "https://huggingface.co"
        guard let endpoint = URL(string: endpointText), let scheme = endpoint.scheme?.lowercased(),
              scheme == "http" || scheme == "https", endpoint.host != nil else {
            throw Diagnostic(file: nil, "HF_ENDPOINT must be an http(s) URL like https://huggingface.co, found \"\(endpointText)\"")
        }
        let hfHome = nonEmpty("HF_HOME") ?? (nonEmpty("XDG_CACHE_HOME").map { "\($0)/huggingface" } ?? "\(home)/.cache/huggingface")
        let hubCache = nonEmpty("HF_HUB_CACHE") ?? nonEmpty("HUGGINGFACE_HUB_CACHE") ?? "\(hfHome)/hub"
        let ownCache = "\(nonEmpty("XDG_CACHE_HOME") ?? "\(home)/.cache")/paramscope"

        var token = nonEmpty("HF_TOKEN") ?? nonEmpty("HUGGING_FACE_HUB_TOKEN")
        if token == nil {
            let path = nonEmpty("HF_TOKEN_PATH") ?? "\(hfHome)/token"
            // Through the one file reader: a FIFO or a device at the token's path is never read.
            if let data = try? InputFiles.read(path, limit: (1 << 16) - 1, what: "token files") {
                let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty { token = text }
            }
        }
        var timeout = 10.0
        if let text = nonEmpty("HF_HUB_DOWNLOAD_TIMEOUT") {
            guard let seconds = Double(text), seconds > 0, seconds <= 3600 else {
                throw Diagnostic(file: nil, "HF_HUB_DOWNLOAD_TIMEOUT must be a number of seconds (0 to 3600), found \"\(text)\"")
            }
            timeout = seconds
        }
        var concurrency = 8
        if let text = nonEmpty("PARAMSCOPE_HUB_CONCURRENCY") {
            guard let value = Int(text), (1...64).contains(value) else {
                throw Diagnostic(file: nil, "PARAMSCOPE_HUB_CONCURRENCY must be a whole number from 1 to 64, found \"\(text)\"")
            }
            concurrency = value
        }
        return HubEnvironment(endpoint: endpoint, token: token.map(HubToken.init), offline: offline || isTrue(variables["HF_HUB_OFFLINE"]),
                              huggingFaceCache: hubCache, cache: ownCache, timeout: timeout, concurrency: concurrency)
    }

    /// huggingface_hub's reading of a boolean variable.
    static func isTrue(_ value: String?) -> Bool {
        guard let value else { return false }
        return ["1", "on", "yes", "true"].contains(value.lowercased())
    }
}

/// An access token. Its description is redacted, so no interpolation can print or log it.
public struct HubToken: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    fileprivate let value: String
    public init(_ value: String) { self.value = value }
    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    /// The `Authorization` header's value; only `HubHTTP` calls it, for the endpoint's origin.
    var bearer: String { "Bearer \(value)" }
}
