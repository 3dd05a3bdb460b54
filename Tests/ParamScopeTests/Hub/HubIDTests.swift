import Foundation
import Testing
@testable import ParamScope

/// Ids, cache names and the token's origin rule: the parts every URL and cache path is built from.
@Suite struct HubIDTests {
    @Test(arguments: [
        ("hf:meta-llama/Llama-3.1-8B", "meta-llama", "Llama-3.1-8B", "main", nil),
        ("hf:Qwen/Qwen3-0.6B@v1.0", "Qwen", "Qwen3-0.6B", "v1.0", nil),
        ("hf:org/name@refs/pr/1", "org", "name", "refs/pr/1", nil),
        ("org/name@0123456789abcdef0123456789abcdef01234567", "org", "name", "0123456789abcdef0123456789abcdef01234567", nil),
        ("hf:bartowski/Llama-GGUF/Q4_K_M/model-Q4_K_M.gguf@main", "bartowski", "Llama-GGUF", "main", "Q4_K_M/model-Q4_K_M.gguf"),
    ] as [(String, String, String, String, String?)])
    func validIDs(text: String, organization: String, name: String, revision: String, file: String?) throws {
        let id = try HubID.parse(text).get()
        #expect(id.organization == organization && id.name == name && id.revision == revision && id.file == file)
    }

    @Test(arguments: [
        ("hf:", "an empty Hub id"),
        ("hf:onlyname", "has no organization"),
        ("hf:org//name", "an empty part in the repo id"),
        ("hf:org/na me", "holds a space"),
        ("hf:../etc", "a repo name may not contain '..'"),
        ("hf:org/name/../../x.gguf", "'..' is not allowed in a file path"),
        ("hf:org/name/model.safetensors", "must be a .gguf file"),
        ("hf:org/name@", "an empty revision"),
        ("hf:org/name@../../x", "may not have empty parts, '..'"),
        ("hf:org/name@a\\b", "a control or space character"),
        ("hf:-org/name", "may not start or end with '.' or '-'"),
        ("hf:org/na%2fme", "may hold only letters, digits"),
    ])
    func badIDs(text: String, message: String) {
        switch HubID.parse(text) {
        case .success(let id): Issue.record("\(text) parsed as \(id)")
        case .failure(let problem): #expect(problem.message.contains(message), "\(problem.message)")
        }
    }

    /// One path component per name, whatever the name: no `/`, no `.` or `..`, no leading dot.
    @Test(arguments: ["model.safetensors", "a/b.safetensors", "..", ".", ".hidden", "x%y", "名前"])
    func cacheNamesAreOneSafeComponent(name: String) {
        let encoded = ParamScopeCache.encode(name)
        #expect(!encoded.contains("/") && encoded != "." && encoded != ".." && !encoded.hasPrefix("."))
        #expect(encoded.utf8.allSatisfy { $0 < 0x80 })
        #expect(ParamScopeCache.encode("model.safetensors") == "model.safetensors")
    }

    /// The token goes to the endpoint's origin only: same scheme, host and port.
    @Test func tokenOrigin() throws {
        let endpoint = try #require(URL(string: "https://huggingface.co"))
        let same = ["https://huggingface.co/org/name/resolve/main/config.json", "https://HuggingFace.co:443/x"]
        let other = ["https://cdn-lfs.huggingface.co/x", "http://huggingface.co/x", "https://huggingface.co:8443/x",
                     "https://huggingface.co.evil.example/x"]
        for text in same { #expect(HubHTTP.sameOrigin(try #require(URL(string: text)), endpoint), "\(text)") }
        for text in other { #expect(!HubHTTP.sameOrigin(try #require(URL(string: text)), endpoint), "\(text)") }
    }

    /// The environment as huggingface_hub reads it; the token never shows in a description.
    @Test func environment() throws {
        let scratch = try TestSupport.temporaryDirectory()
        try Data("  hf_from_file \n".utf8).write(to: URL(fileURLWithPath: "\(scratch)/token"))
        let fromFile = try HubEnvironment.current(["HOME": "/home/u", "HF_HOME": scratch, "HF_HUB_OFFLINE": "1"])
        #expect(fromFile.token?.bearer == "Bearer hf_from_file")
        #expect("\(fromFile.token!)" == "<redacted>")
        #expect(fromFile.offline && fromFile.huggingFaceCache == "\(scratch)/hub")
        #expect(fromFile.cache == "/home/u/.cache/paramscope")
        #expect(fromFile.endpoint.absoluteString == "https://huggingface.co")
        let set = try HubEnvironment.current(["HOME": "/home/u", "HF_TOKEN": "a", "HUGGING_FACE_HUB_TOKEN": "b",
                                              "HF_ENDPOINT": "http://mirror.local:8080/", "XDG_CACHE_HOME": "/c",
                                              "HF_HUB_CACHE": "/hub"])
        #expect(set.token?.bearer == "Bearer a" && !set.offline)
        #expect(set.endpoint.absoluteString == "http://mirror.local:8080" && set.cache == "/c/paramscope" && set.huggingFaceCache == "/hub")
        #expect(try HubEnvironment.current(["HOME": "/h"], offline: true).offline)
        #expect(throws: Diagnostic.self) { try HubEnvironment.current(["HF_ENDPOINT": "ftp://x"]) }
        #expect(throws: Diagnostic.self) { try HubEnvironment.current(["HF_HUB_DOWNLOAD_TIMEOUT": "soon"]) }
    }
}
