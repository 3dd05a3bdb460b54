import Foundation
import Testing

/// `hf:` ids end to end: the built binary against the stand-in Hub (Fixtures/hub), each test with
/// its own server and its own empty caches.
@Suite struct HubCommandTests {
    static let tinyCommit = "1111111111111111111111111111111111111111"
    static let v1Commit = "2222222222222222222222222222222222222222"

    /// The JSON models of an `estimate --format json` run.
    func models(_ output: CommandRunner.Output) throws -> [[String: Any]] {
        let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        return try #require(json?["models"] as? [[String: Any]])
    }

    func total(_ model: [String: Any]) -> Int? { (model["parameters"] as? [String: Any])?["total"] as? Int }

    /// tiny/llama (Fixtures/hub/make_hub_fixtures.py): 16,384 + 2 × 36,992 + 64 + 16,384 = 106,816,
    /// the count its BF16 header holds too; the source names the commit it was read at.
    @Test func estimateOnTheCommandLine() throws {
        let hub = try StandInHub(), scratch = try HubScratch()
        let output = try CommandRunner.run(["estimate", "hf:tiny/llama", "--format", "json"], environment: scratch.environment(hub))
        #expect(output.status == 0, "\(output.stderr)")
        let model = try #require(try models(output).first)
        #expect(total(model) == 106_816)
        #expect(model["source"] as? String == "hf:tiny/llama@\(Self.tinyCommit)")
        let checkpoint = try #require(model["checkpoint"] as? [String: Any])
        #expect((checkpoint["parameters"] as? Int) == 106_816)
        #expect((checkpoint["path"] as? String) == "hf:tiny/llama@\(Self.tinyCommit)/model.safetensors")
    }

    /// A list of one-line entries and a revision (the v1 tag has 3 layers: 106,816 + 36,992 =
    /// 143,808); other fields still override. The sharded repo reads both shards' headers.
    @Test func listWithRevisionsAndShards() throws {
        let hub = try StandInHub(), scratch = try HubScratch()
        let list = try TestSupport.write("""
            title: Hub
            models:
              - hf: tiny/llama
              - hf: tiny/llama@v1
                name: Tiny v1
                published: 144K
              - hf: tiny/llama-sharded
            """)
        let output = try CommandRunner.run(["estimate", list, "--format", "json"], environment: scratch.environment(hub))
        #expect(output.status == 0, "\(output.stderr)")
        let all = try models(output)
        #expect(all.map { $0["name"] as? String } == ["llama", "Tiny v1", "llama-sharded"])
        #expect(all.map(total) == [106_816, 143_808, 106_816])
        #expect(all[1]["source"] as? String == "hf:tiny/llama@\(Self.v1Commit)")
        let sharded = try #require(all[2]["checkpoint"] as? [String: Any])
        #expect(sharded["format"] as? String == "safetensors index")
        #expect(sharded["path"] as? String == "hf:tiny/llama-sharded@3333333333333333333333333333333333333333/model.safetensors.index.json")
        #expect(sharded["parameters"] as? Int == 106_816)
    }

    /// A `model_type` no family knows: the checkpoint's headers are the count (basis: checkpoint),
    /// with the warning a local model directory gets, on the command line and in a list.
    @Test func unknownFamilyCountedFromTheCheckpoint() throws {
        let hub = try StandInHub(), scratch = try HubScratch()
        let list = try TestSupport.write("title: Unknown\nmodels:\n  - hf: tiny/unknown\n    published: 107K\n")
        for input in ["hf:tiny/unknown", list] {
            let output = try CommandRunner.run(["estimate", input, "--format", "json"], environment: scratch.environment(hub))
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stderr.contains("unknown model type \"mystery\""), "\(output.stderr)")
            let model = try #require(try models(output).first)
            #expect(total(model) == 106_816)
            #expect(model["source"] as? String == "hf:tiny/unknown@8888888888888888888888888888888888888888")
        }
    }

    /// A bad id, and `hf` beside `architecture`, are errors at their line and column.
    @Test func badIDsAtTheirLineAndColumn() throws {
        let list = try TestSupport.write("""
            title: Bad
            models:
              - hf: tiny/../x
              - hf: "tiny/llama nope"
              - hf: tiny/llama
                architecture: llama
            """)
        let output = try CommandRunner.run(["estimate", list], environment: try HubScratch().environment(nil, ["HF_HUB_OFFLINE": "1"]))
        #expect(output.status == 2)
        #expect(output.stderr.contains("\(list):3:9: error: `hf`: \"tiny/../x\": a repo name may not contain '..'"), "\(output.stderr)")
        #expect(output.stderr.contains("\(list):4:9: error: `hf`: \"tiny/llama nope\" holds a space"), "\(output.stderr)")
        #expect(output.stderr.contains("\(list):6:19: error: `architecture` comes from `hf`; remove one of them"), "\(output.stderr)")
        let cli = try CommandRunner.run(["estimate", "hf:onlyname"], environment: try HubScratch().environment(nil))
        #expect(cli.status == 2)
        #expect(cli.firstError.hasPrefix("hf:onlyname: error: \"hf:onlyname\" has no organization"))
    }

    /// A 117 MB shard costs its header and at most 100 KB more on the wire, never its weights; a
    /// header longer than the first range (tiny/deep's) costs exactly its own bytes, in two ranges.
    @Test func bytesOnTheWire() throws {
        let hub = try StandInHub(), scratch = try HubScratch()
        let big = try CommandRunner.run(["inspect", "hf:big/llama", "--format", "json"], environment: scratch.environment(hub))
        #expect(big.status == 0, "\(big.stderr)")
        #expect(big.stdout.contains("\"parameters\": 58463232") || big.stdout.contains("\"parameters\":58463232"), "\(big.stdout)")
        let deep = try CommandRunner.run(["inspect", "hf:tiny/deep"], environment: scratch.environment(hub))
        #expect(deep.status == 0, "\(deep.stderr)")
        let stats = try hub.stats()
        let bigShard = try #require(stats.bytes.first { $0.key.hasPrefix("/repos/big/llama/") }?.value)
        let bigHeader = try headerLength("big/llama", "5555555555555555555555555555555555555555")
        #expect(bigShard <= bigHeader + 100_000 + 8 && bigShard < 1_000_000)
        let deepShard = try #require(stats.bytes.first { $0.key.hasPrefix("/repos/tiny/deep/") }?.value)
        #expect(deepShard == 8 + (try headerLength("tiny/deep", "4444444444444444444444444444444444444444")))
        #expect(stats.log.filter { $0.contains("cdn /repos/tiny/deep/") }.count == 2)
    }

    /// The header the server sends for a fixture shard: the file's JSON, padded to a multiple of 8.
    func headerLength(_ repo: String, _ commit: String) throws -> Int {
        let path = "\(StandInHub.repos)/\(repo)/\(commit)/model.safetensors.header.json"
        let text = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return (text.utf8.count + 7) / 8 * 8
    }

    /// A gated repo: without a token the error names HF_TOKEN; with it the model is read, the CDN
    /// (another host) never sees the token, and neither the output nor the cache holds it.
    @Test func gatedRepo() throws {
        let hub = try StandInHub(), scratch = try HubScratch()
        let denied = try CommandRunner.run(["estimate", "hf:gated/llama"], environment: scratch.environment(hub))
        #expect(denied.status == 2)
        #expect(denied.firstError.hasPrefix("hf:gated/llama: error: the repo is gated or private (HTTP 401); set HF_TOKEN"))
        let wrong = try CommandRunner.run(["estimate", "hf:gated/llama"], environment: scratch.environment(hub, ["HF_TOKEN": "hf_wrong"]))
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("HTTP 403"))
        #expect(!wrong.stderr.contains("hf_wrong"))
        // The token file, as `hf auth login` writes it.
        try FileManager.default.createDirectory(atPath: scratch.huggingFaceHome, withIntermediateDirectories: true)
        try Data("hf_stand_in_token\n".utf8).write(to: URL(fileURLWithPath: "\(scratch.huggingFaceHome)/token"))
        let allowed = try CommandRunner.run(["estimate", "hf:gated/llama", "--format", "json"], environment: scratch.environment(hub))
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(total(try #require(try models(allowed).first)) == 106_816)
        #expect(!allowed.stdout.contains("hf_stand_in_token") && !allowed.stderr.contains("hf_stand_in_token"))
        let stats = try hub.stats()
        #expect(!stats.cdn_authorization)
        #expect(stats.log.contains { $0.contains("hub /gated/llama/") && $0.hasSuffix("auth=yes") })
        let cached = FileManager.default.enumerator(atPath: scratch.cache)?.allObjects.compactMap { $0 as? String } ?? []
        #expect(!cached.isEmpty)
        for file in cached {
            let bytes = FileManager.default.contents(atPath: "\(scratch.cache)/\(file)") ?? Data()
            #expect(!String(decoding: bytes, as: UTF8.self).contains("hf_stand_in_token"), "\(file)")
        }
    }

    /// Missing repo, revision and file: exit 2 with the id and what to do.
    @Test(arguments: [
        ("hf:nobody/nothing", "repository not found on"),
        ("hf:tiny/llama@v9", "revision \"v9\" not found in the repo"),
        ("hf:tiny/llama/missing.gguf", "missing.gguf not found in the repo at commit 1111111111111111111111111111111111111111"),
    ])
    func missing(id: String, message: String) throws {
        let hub = try StandInHub(), scratch = try HubScratch()
        let output = try CommandRunner.run(["inspect", id], environment: scratch.environment(hub))
        #expect(output.status == 2)
        #expect(output.firstError.hasPrefix("\(id): error: \(message)"), "\(output.stderr)")
    }

    /// A hub that says nothing but 404 (no X-Error-Code): a missing repo or revision, said so.
    @Test func plainNotFound() throws {
        let hub = try StandInHub(arguments: ["--plain-errors"]), scratch = try HubScratch()
        let output = try CommandRunner.run(["estimate", "hf:tiny/llama@nope"], environment: scratch.environment(hub))
        #expect(output.status == 2)
        #expect(output.firstError.hasPrefix("hf:tiny/llama@nope: error: repository or revision \"nope\" not found on \(hub.endpoint) (every file asked answered 404)"), "\(output.stderr)")
        // The Hub answers 401 for a repo that does not exist, to anyone without a token.
        let missing = try CommandRunner.run(["estimate", "hf:nobody/nothing"], environment: scratch.environment(hub))
        #expect(missing.firstError.hasPrefix("hf:nobody/nothing: error: the repo is gated or private (or does not exist) (HTTP 401); set HF_TOKEN"), "\(missing.stderr)")
        let found = try CommandRunner.run(["estimate", "hf:tiny/llama", "--format", "json"], environment: scratch.environment(hub))
        #expect(found.status == 0, "\(found.stderr)")
    }

    /// 429 with Retry-After: 1 is waited out and retried; a slow answer times out with advice.
    @Test func throttledAndSlow() throws {
        let hub = try StandInHub(), scratch = try HubScratch()
        let started = Date()
        let throttled = try CommandRunner.run(["inspect", "hf:flaky/llama"], environment: scratch.environment(hub))
        #expect(throttled.status == 0, "\(throttled.stderr)")
        #expect(Date().timeIntervalSince(started) >= 1)
        #expect(try hub.stats().log.count >= 6)
        let slow = try CommandRunner.run(["inspect", "hf:slow/llama"], environment: scratch.environment(hub, ["HF_HUB_DOWNLOAD_TIMEOUT": "0.5"]))
        #expect(slow.status == 2)
        #expect(slow.firstError.contains("did not answer within 0.5 s (HF_HUB_DOWNLOAD_TIMEOUT)"), "\(slow.stderr)")
        #expect(slow.firstError.contains("HF_HUB_OFFLINE=1"))
    }

    /// A connection closed without an answer (the fixture drops the first two requests) is
    /// retried after a backoff, and the count is the fixture's 106,816.
    @Test func droppedConnectionsAreRetried() throws {
        let hub = try StandInHub(), scratch = try HubScratch()
        let output = try CommandRunner.run(["estimate", "hf:dropped/llama", "--format", "json"], environment: scratch.environment(hub))
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("\"total\": 106816,"), "\(output.stdout)")
        let log = try hub.stats().log
        // Every file of the first requests was asked for; two of them twice (dropped, then answered).
        let first = log.filter { $0.contains("/dropped/llama/resolve/main/") }
        #expect(first.count == 5, "\(log)")
    }

    /// A bad Hub setting is said once for the run, not at every `hf:` line, and nothing is read.
    @Test func badEnvironmentIsSaidOnce() throws {
        let scratch = try HubScratch()
        let list = try TestSupport.write("title: Hub\nmodels:\n  - hf: tiny/llama\n  - hf: tiny/llama@v1\n  - hf: tiny/deep\n")
        let output = try CommandRunner.run(["estimate", list], environment: scratch.environment(nil, ["PARAMSCOPE_HUB_CONCURRENCY": "0"]))
        #expect(output.status == 2)
        let errors = output.stderr.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors == ["error: PARAMSCOPE_HUB_CONCURRENCY must be a whole number from 1 to 64, found \"0\" (needed to read 3 hf: models)"],
                "\(output.stderr)")
    }

    /// No network at all: the error names HF_HUB_OFFLINE and the cache.
    @Test func noNetwork() throws {
        let output = try CommandRunner.run(["estimate", "hf:tiny/llama"], environment: try HubScratch().environment(nil))
        #expect(output.status == 2)
        #expect(output.firstError.hasPrefix("hf:tiny/llama: error: cannot reach http://127.0.0.1:9"))
        #expect(output.firstError.contains("HF_HUB_OFFLINE=1"))
    }

    /// Read once online; then, with the server gone, HF_HUB_OFFLINE=1 and `--offline` answer the
    /// same bytes from ParamScope's cache (a report's `--check` stays clean). Offline with nothing
    /// cached is an error that says so.
    @Test func offlineFromTheCache() throws {
        let scratch = try HubScratch()
        let list = try TestSupport.write("title: Hub\nmodels:\n  - hf: tiny/llama-sharded\n  - hf: tiny/llama@v1\n")
        let out = "\(scratch.root)/reports"
        var hub: StandInHub? = try StandInHub()
        let online = try CommandRunner.run(["report", list, "--out", out, "--fragment"], environment: scratch.environment(hub))
        #expect(online.status == 0, "\(online.stderr)")
        let estimate = try CommandRunner.run(["estimate", list, "--format", "json"], environment: scratch.environment(hub))
        hub?.stop()
        hub = nil
        let offline = try CommandRunner.run(["estimate", list, "--format", "json"], environment: scratch.environment(nil, ["HF_HUB_OFFLINE": "1"]))
        #expect(offline.status == 0, "\(offline.stderr)")
        #expect(offline.stdout == estimate.stdout)
        let check = try CommandRunner.run(["report", list, "--out", out, "--fragment", "--check", "--offline"], environment: scratch.environment(nil))
        #expect(check.status == 0, "\(check.stderr)")
        let markdown = try String(contentsOfFile: "\(out)/list.md", encoding: .utf8)
        #expect(markdown.contains("hf:tiny/llama@\(Self.v1Commit)"))
        let empty = try CommandRunner.run(["estimate", "hf:tiny/llama", "--offline"], environment: try HubScratch().environment(nil))
        #expect(empty.status == 2)
        #expect(empty.firstError.contains("offline (HF_HUB_OFFLINE=1 or --offline) and not in the cache"))
    }

    /// A branch read before costs one request (config.json, whose X-Repo-Commit says the branch has
    /// not moved); a branch that moved is read at its new commit.
    @Test func branchRevalidation() throws {
        let hub = try StandInHub(), scratch = try HubScratch()
        let v1 = try CommandRunner.run(["estimate", "hf:tiny/llama@v1", "--format", "json"], environment: scratch.environment(hub))
        #expect(total(try #require(try models(v1).first)) == 143_808)
        let warm = try CommandRunner.run(["estimate", "hf:tiny/llama@v1", "--format", "json"], environment: scratch.environment(hub))
        #expect(warm.stdout == v1.stdout)
        let log = try hub.stats().log
        // Cold: config.json, the index (404), model.safetensors (302) and its CDN range; warm: config.json.
        #expect(log.count == 4 + 1, "\(log)")
        #expect(log.last?.contains("/tiny/llama/resolve/v1/config.json") == true)
        // As if `main` had pointed at v1's commit when it was last read: the Hub now says 1111….
        let ref = "\(scratch.cache)/hub/models--tiny--llama/refs/main"
        try Data(Self.v1Commit.utf8).write(to: URL(fileURLWithPath: ref))
        let moved = try CommandRunner.run(["estimate", "hf:tiny/llama", "--format", "json"], environment: scratch.environment(hub))
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(total(try #require(try models(moved).first)) == 106_816)
        #expect(try String(contentsOfFile: ref, encoding: .utf8) == Self.tinyCommit)
    }

    /// The Hugging Face cache is read first: a snapshot `huggingface_hub` downloaded answers
    /// without any server.
    @Test func huggingFaceCacheFirst() throws {
        let scratch = try HubScratch()
        let repo = "\(scratch.huggingFaceHome)/hub/models--tiny--llama"
        let snapshot = "\(repo)/snapshots/\(Self.tinyCommit)"
        try FileManager.default.createDirectory(atPath: snapshot, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "\(repo)/refs", withIntermediateDirectories: true)
        try Data(Self.tinyCommit.utf8).write(to: URL(fileURLWithPath: "\(repo)/refs/main"))
        for file in ["config.json", "model.safetensors"] {
            try FileManager.default.copyItem(atPath: "\(TestSupport.fixtures)/checkpoints/tiny-llama/\(file)", toPath: "\(snapshot)/\(file)")
        }
        try FileManager.default.createDirectory(atPath: "\(repo)/.no_exist/\(Self.tinyCommit)", withIntermediateDirectories: true)
        try Data().write(to: URL(fileURLWithPath: "\(repo)/.no_exist/\(Self.tinyCommit)/model.safetensors.index.json"))
        for arguments in [["estimate", "hf:tiny/llama", "--offline", "--format", "json"],
                          ["estimate", "hf:tiny/llama@\(Self.tinyCommit)", "--format", "json"]] {
            let output = try CommandRunner.run(arguments, environment: scratch.environment(nil))
            #expect(output.status == 0, "\(output.stderr)")
            #expect(total(try #require(try models(output).first)) == 106_816)
        }
    }

    /// A header that lies is refused with the message a local file gets; a GGUF header past the
    /// first 1 MiB range is read by growing ranges; a GGUF file reads as it does locally.
    @Test func liesAndGGUF() throws {
        let hub = try StandInHub(), scratch = try HubScratch()
        let liar = try CommandRunner.run(["inspect", "hf:liar/llama"], environment: scratch.environment(hub))
        let local = try CommandRunner.run(["inspect", "\(StandInHub.repos)/liar/llama/6666666666666666666666666666666666666666/model.safetensors"])
        #expect(liar.status == 2 && local.status == 2)
        let message = try #require(local.firstError.components(separatedBy: ": error: ").last)
        #expect(liar.firstError == "hf:liar/llama@6666666666666666666666666666666666666666/model.safetensors: error: \(message)")
        let big = try CommandRunner.run(["inspect", "hf:gguf/tiny/big-header.gguf", "--format", "json"], environment: scratch.environment(hub))
        #expect(big.status == 0, "\(big.stderr)")
        #expect(big.stdout.contains("\"parameters\": 32") || big.stdout.contains("\"parameters\":32"), "\(big.stdout)")
        let remote = try CommandRunner.run(["inspect", "hf:gguf/tiny/tiny.gguf", "--format", "json"], environment: scratch.environment(hub))
        let file = try CommandRunner.run(["inspect", "\(TestSupport.fixtures)/checkpoints/tiny.gguf", "--format", "json"])
        #expect(remote.status == 0, "\(remote.stderr)")
        let path = "hf:gguf/tiny@7777777777777777777777777777777777777777/tiny.gguf"
        #expect(remote.stdout == file.stdout.replacingOccurrences(of: "\(TestSupport.fixtures)/checkpoints/tiny.gguf", with: path))
        let noConfig = try CommandRunner.run(["estimate", "hf:gguf/tiny/tiny.gguf"], environment: scratch.environment(hub))
        #expect(noConfig.status == 2)
        #expect(noConfig.firstError.contains("has no config.json"))
    }
}
