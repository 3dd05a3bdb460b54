import Foundation
import ParamScopeCore

/// Reads Hub models by id: the Hugging Face cache and ParamScope's cache first, then the
/// network (unless offline), all models of a run at once (`HubEnvironment.concurrency` at a time).
public struct Hub: Sendable {
    public var environment: HubEnvironment
    /// Called after each model with (done, total), from any thread: the executable draws
    /// progress on a terminal.
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init(environment: HubEnvironment, progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.environment = environment
        self.progress = progress
    }

    /// Every id read, in one blocking call (the pipeline around it is synchronous).
    public func fetch(_ ids: [HubID]) -> [HubID: Result<HubModel, Diagnostic>] {
        let unique = Array(Set(ids)).sorted { $0.label < $1.label }
        guard !unique.isEmpty else { return [:] }
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        Task.detached { [self] in
            box.value = await fetchAll(unique)
            done.signal()
        }
        done.wait()
        return box.value
    }

    /// Every id read, `concurrency` models at a time.
    public func fetchAll(_ ids: [HubID]) async -> [HubID: Result<HubModel, Diagnostic>] {
        let http = environment.offline ? nil : HubHTTP(endpoint: environment.endpoint, token: environment.token,
                                                       timeout: environment.timeout, connections: 4 * environment.concurrency)
        defer { http?.invalidate() }
        var results: [HubID: Result<HubModel, Diagnostic>] = [:]
        await withTaskGroup(of: (HubID, Result<HubModel, Diagnostic>).self) { group in
            var next = 0
            func add() {
                guard next < ids.count else { return }
                let id = ids[next]
                next += 1
                group.addTask {
                    do throws(Diagnostic) { return (id, .success(try await read(id, http: http))) } catch { return (id, .failure(error)) }
                }
            }
            for _ in 0..<environment.concurrency { add() }
            while let (id, result) = await group.next() {
                results[id] = result
                progress?(results.count, ids.count)
                add()
            }
        }
        return results
    }

    /// One model: from the caches when its commit is known without asking (a pinned commit, or
    /// offline and a cached ref) and they hold every file; else from the network.
    func read(_ id: HubID, http: HubHTTP?) async throws(Diagnostic) -> HubModel {
        let known: String? = HubID.isCommit(id.revision) ? id.revision
            : environment.offline ? ParamScopeCache.commit(root: environment.cache, id: id)
                ?? HuggingFaceSnapshot.commit(root: environment.huggingFaceCache, id: id)
            : nil
        if let commit = known {
            let cached = HubLayeredFiles(layers: [
                HuggingFaceSnapshot(root: environment.huggingFaceCache, id: id, commit: commit),
                ParamScopeCache(root: environment.cache, id: id, commit: commit),
                HubMiss(error: notCached),
            ])
            do {
                return try await HubModelReader(id: id, commit: commit, files: cached).read()
            } catch HubError.notCached where http != nil {
                // Not all cached: read from the network below.
            } catch {
                throw diagnostic(error, id)
            }
        }
        guard let http else { throw diagnostic(notCached, id) }
        do {
            return try await readOnline(id, http: http)
        } catch {
            throw diagnostic(error, id)
        }
    }

    private var notCached: HubError { .notCached(cache: environment.cache, huggingFaceCache: environment.huggingFaceCache) }

    /// What failed, named by the id (a header's own diagnostic already names its file).
    private func diagnostic(_ error: any Error, _ id: HubID) -> Diagnostic {
        switch error {
        case let error as HubError: return Diagnostic(file: id.label, error.message)
        case let diagnostic as Diagnostic: return diagnostic
        default: return Diagnostic(file: id.label, "\(error)")
        }
    }

    /// The first requests go out together (config.json, the index, and the first range of
    /// `model.safetensors` or of the GGUF file): whichever the repo has, no round trip is spent
    /// finding out. Their answers name the commit; everything after is read at that commit.
    private func readOnline(_ id: HubID, http: HubHTTP) async throws -> HubModel {
        let first = HubNetworkFiles(http: http, environment: environment, id: id, revision: id.revision, cache: nil)
        var probes: [(String, Range<Int>?)] = id.file.map { [(HubModelReader.config, nil), ($0, HubModelReader.ggufFirstRange)] }
            ?? [(HubModelReader.config, nil), (HubModelReader.index, nil), (HubModelReader.single, HubModelReader.firstRange)]
        var answers: [String: (range: Range<Int>?, answer: HubFileAnswer)] = [:]
        var commits: Set<String> = []
        // A branch read before: config.json alone says whether it moved; if not, the cache has the rest.
        if !HubID.isCommit(id.revision), let previous = ParamScopeCache.commit(root: environment.cache, id: id) {
            let (answer, commit) = try await first.answer(HubModelReader.config, range: nil)
            if commit == previous {
                let cached = HubLayeredFiles(layers: [
                    HubPrefetched(answers: [HubModelReader.config: (nil, answer)]),
                    HuggingFaceSnapshot(root: environment.huggingFaceCache, id: id, commit: previous),
                    ParamScopeCache(root: environment.cache, id: id, commit: previous),
                    HubMiss(error: notCached),
                ])
                if let model = try? await HubModelReader(id: id, commit: previous, files: cached).read() { return model }
            }
            answers[HubModelReader.config] = (nil, answer)
            if let commit { commits.insert(commit) }
            probes.removeAll { $0.0 == HubModelReader.config }
        }
        try await withThrowingTaskGroup(of: (String, Range<Int>?, HubFileAnswer, String?).self) { group in
                for (name, range) in probes {
                    group.addTask {
                        let (answer, commit) = try await first.answer(name, range: range)
                        return (name, range, answer, commit)
                    }
                }
                while let (name, range, answer, commit) = try await group.next() {
                    answers[name] = (range, answer)
                    if let commit { commits.insert(commit) }
                }
            }
        if commits.isEmpty {
            // A server that sends no X-Error-Code: 404 for everything is a missing repo or revision.
            if answers.values.allSatisfy({ if case .absent = $0.answer { true } else { false } }) {
                throw HubError.repoOrRevisionNotFound(endpoint: first.endpointName, revision: id.revision)
            }
            // No X-Repo-Commit, but the id pinned one.
            if HubID.isCommit(id.revision) { commits.insert(id.revision) }
        }
        guard commits.count == 1, let commit = commits.first, HubID.isCommit(commit) else {
            throw HubError.protocolError(commits.count > 1
                ? "the revision moved while it was read (commits \(commits.sorted().joined(separator: ", "))); run again"
                : "the server did not name the commit (no valid X-Repo-Commit header); is HF_ENDPOINT a Hugging Face Hub?")
        }
        let cache = ParamScopeCache(root: environment.cache, id: id, commit: commit)
        for (name, held) in answers { try cache.store(name, range: held.range, held.answer) }
        let files = HubLayeredFiles(layers: [
            HubPrefetched(answers: answers),
            HuggingFaceSnapshot(root: environment.huggingFaceCache, id: id, commit: commit),
            cache,
            HubNetworkFiles(http: http, environment: environment, id: id, revision: commit, cache: cache),
        ])
        let model = try await HubModelReader(id: id, commit: commit, files: files).read()
        if !HubID.isCommit(id.revision) { try ParamScopeCache.record(root: environment.cache, id: id, commit: commit) }
        return model
    }
}

/// The last layer when reading from caches only: anything not cached stops the read.
private struct HubMiss: HubFiles {
    let error: HubError
    func read(_ name: String, range: Range<Int>?) async throws(HubError) -> HubFileAnswer { throw error }
}

private final class ResultBox: @unchecked Sendable {
    var value: [HubID: Result<HubModel, Diagnostic>] = [:]
}

extension Hub {
    /// `inspect hf:...`: the checkpoint of the model `text` names.
    public static func checkpoint(_ text: String, hub: Result<Hub, Diagnostic>) throws(Diagnostic) -> CheckpointSummary {
        let id: HubID
        switch HubID.parse(text) {
        case .success(let parsed): id = parsed
        case .failure(let problem): throw Diagnostic(file: text, problem.message)
        }
        let model = try hub.get().fetch([id])[id]?.get()
        guard let model, let summary = model.checkpoint else {
            throw Diagnostic(file: id.label, "the repo has no model.safetensors or model.safetensors.index.json at \(model?.commit ?? id.revision); name a GGUF file as hf:\(id.repo)/FILE.gguf")
        }
        return summary
    }
}
