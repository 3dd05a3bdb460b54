import Foundation

/// The stand-in Hub (`Fixtures/hub/hub_server.py`, Python stdlib only) on 127.0.0.1, started for
/// one test and stopped when it is released: the server exits when its stdin closes.
final class StandInHub {
    let port: Int
    let cdnPort: Int
    private let process: Process
    private let input: Pipe

    static let script = "\(TestSupport.fixtures)/hub/hub_server.py"
    static let repos = "\(TestSupport.fixtures)/hub/repos"

    init(delayMilliseconds: Int = 0, arguments: [String] = []) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script, "--repos", Self.repos, "--delay-ms", "\(delayMilliseconds)"] + arguments
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // `READY <port> <cdn port>`, one line.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let words = String(decoding: line, as: UTF8.self).split(whereSeparator: \.isWhitespace)
        guard words.count == 3, words[0] == "READY", let port = Int(words[1]), let cdn = Int(words[2]) else {
            process.terminate()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the stand-in Hub did not start: \(line)"])
        }
        self.port = port
        self.cdnPort = cdn
    }

    deinit { stop() }

    /// Closes the server's stdin and waits for it to exit.
    func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    var endpoint: String { "http://127.0.0.1:\(port)" }

    struct Stats: Decodable {
        var requests: Int
        var bytes: [String: Int]
        var cdn_authorization: Bool
        var log: [String]
    }

    func stats() throws -> Stats {
        let data = try Data(contentsOf: URL(string: "\(endpoint)/_stats")!)
        return try JSONDecoder().decode(Stats.self, from: data)
    }
}

/// A scratch home for one run: caches and the Hugging Face home in a temporary folder, so no
/// test reads or writes the user's own.
struct HubScratch {
    let root: String
    init() throws { root = try TestSupport.temporaryDirectory() }

    var cache: String { "\(root)/xdg/paramscope" }
    var huggingFaceHome: String { "\(root)/hf" }

    func environment(_ hub: StandInHub?, _ extra: [String: String] = [:]) -> [String: String] {
        var variables = ["HF_ENDPOINT": hub?.endpoint ?? "http://127.0.0.1:9", "XDG_CACHE_HOME": "\(root)/xdg",
                         "HF_HOME": huggingFaceHome, "HF_TOKEN": "", "HUGGING_FACE_HUB_TOKEN": "", "HF_HUB_OFFLINE": "",
                         "HF_HUB_CACHE": "", "HF_TOKEN_PATH": "", "HF_HUB_DOWNLOAD_TIMEOUT": "5"]
        variables.merge(extra) { $1 }
        return variables
    }
}
