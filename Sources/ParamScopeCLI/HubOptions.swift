import ArgumentParser
import Foundation
import ParamScope

/// `--offline`, shared by every command: `hf:` ids are read from the caches only.
struct HubOptions: ParsableArguments {
    @Flag(help: "Read hf: models from the caches only, never the network (same as HF_HUB_OFFLINE=1).")
    var offline = false

    /// The Hub as the environment and `--offline` set it, drawing progress on stderr when it is a terminal.
    func hub() -> Result<Hub, Diagnostic> {
        Result { () throws(Diagnostic) in
            Hub(environment: try HubEnvironment.current(offline: offline), progress: Console.isTerminal ? Console.progress : nil)
        }
    }

    func loader() -> ConfigLoader { ConfigLoader(hub: hub()) }
}
