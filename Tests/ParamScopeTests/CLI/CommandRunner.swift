import Foundation

/// Runs the built `paramscope` binary, as a user would, and captures what it prints.
enum CommandRunner {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        /// The first line on stderr: the first diagnostic.
        var firstError: String { String(stderr.split(separator: "\n", omittingEmptySubsequences: false).first ?? "") }
    }

    /// The binary sits beside the test bundle in `.build/<configuration>/`.
    static let binary: String = {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidate = directory.appendingPathComponent("paramscope")
        // Bundled runners (…xctest/Contents/MacOS) sit deeper on other platforms.
        while !FileManager.default.isExecutableFile(atPath: candidate.path), candidate.pathComponents.count > 2 {
            candidate = candidate.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("paramscope")
        }
        return candidate.path
    }()

    static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.merge(environment) { $1 }
        process.environment = env
        // Files rather than pipes: nothing can block on a full pipe.
        let scratch = try TestSupport.temporaryDirectory()
        let outPath = "\(scratch)/stdout", errPath = "\(scratch)/stderr"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        defer { try? out.close(); try? err.close(); try? FileManager.default.removeItem(atPath: scratch) }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let stdout = FileManager.default.contents(atPath: outPath) ?? Data()
        let stderr = FileManager.default.contents(atPath: errPath) ?? Data()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}
