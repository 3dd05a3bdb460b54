/// Why a Hub model could not be read, each with what to do about it. The token is never part of
/// a message.
public enum HubError: Error, Sendable, Equatable {
    /// 401 or 403 on a gated or private repo (`gated`: the Hub said so, `X-Error-Code: GatedRepo`).
    case unauthorized(status: Int, hasToken: Bool, gated: Bool)
    /// The repo does not exist (or is private and no token was sent: the Hub answers 401 then).
    case repoNotFound(endpoint: String, hasToken: Bool)
    case revisionNotFound(String)
    /// Every file asked answered 404 with no word on why.
    case repoOrRevisionNotFound(endpoint: String, revision: String)
    /// A file the id names (a `.gguf`), or `config.json` that `estimate` needs.
    case fileNotFound(String, commit: String?)
    /// No answer, or no answer in time.
    case network(endpoint: String, message: String, timedOut: Bool, timeout: Double)
    /// 429 or 5xx still after every retry; any other status the protocol does not expect.
    case server(endpoint: String, status: Int, attempts: Int)
    /// A redirect without a location, answers for two different commits, a server ignoring Range.
    case protocolError(String)
    /// `HF_HUB_OFFLINE=1` / `--offline` and the caches do not hold what is needed.
    case notCached(cache: String, huggingFaceCache: String)
    /// Writing ParamScope's own cache failed.
    case cacheWrite(path: String)

    public var message: String {
        switch self {
        case .unauthorized(let status, false, let gated):
            return "the repo is gated or private\(gated ? "" : " (or does not exist)") (HTTP \(status)); set HF_TOKEN (or HUGGING_FACE_HUB_TOKEN, or `hf auth login`) to a token with access, after accepting the model's terms on its page"
        case .unauthorized(let status, true, _):
            return "the token in HF_TOKEN (or the token file) has no access to this gated or private repo (HTTP \(status)); accept the model's terms on its page, or use a token that has access"
        case .repoNotFound(let endpoint, false):
            return "repository not found on \(endpoint); check the id (ORG/NAME), or set HF_TOKEN if the repo is private"
        case .repoNotFound(let endpoint, true):
            return "repository not found on \(endpoint), or the token in HF_TOKEN cannot see it; check the id (ORG/NAME)"
        case .revisionNotFound(let revision):
            return "revision \"\(revision)\" not found in the repo; give a branch, tag or commit that exists (`@main` by default)"
        case .repoOrRevisionNotFound(let endpoint, let revision):
            return "repository or revision \"\(revision)\" not found on \(endpoint) (every file asked answered 404); check the id (ORG/NAME) and the revision"
        case .fileNotFound(let file, let commit):
            return "\(file) not found in the repo\(commit.map { " at commit \($0)" } ?? ""); check the file name"
        case .network(let endpoint, _, true, let timeout):
            return "\(endpoint) did not answer within \(Self.seconds(timeout)) (HF_HUB_DOWNLOAD_TIMEOUT); retry, raise HF_HUB_DOWNLOAD_TIMEOUT, or set HF_HUB_OFFLINE=1 (or pass --offline) to use only the cache"
        case .network(let endpoint, let message, false, _):
            return "cannot reach \(endpoint) (\(message)); check the network and HF_ENDPOINT, or set HF_HUB_OFFLINE=1 (or pass --offline) to use only the cache"
        case .server(let endpoint, let status, let attempts):
            return attempts > 1
                ? "\(endpoint) answered HTTP \(status) \(attempts) times; try again later"
                : "\(endpoint) answered HTTP \(status), which the Hub's file protocol does not expect"
        case .protocolError(let text):
            return text
        case .notCached(let cache, let huggingFaceCache):
            return "offline (HF_HUB_OFFLINE=1 or --offline) and not in the cache (\(cache), nor the Hugging Face cache \(huggingFaceCache)); run once with the network to cache its config and headers"
        case .cacheWrite(let path):
            return "cannot write the cache at \(path); check its permissions or set XDG_CACHE_HOME"
        }
    }

    /// `10 s`, `0.5 s`.
    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
