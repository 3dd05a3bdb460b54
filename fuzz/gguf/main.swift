import Foundation
import ParamScope

// libFuzzer target: any bytes as a .gguf file must give a summary or a diagnostic, never a crash.
//
// SwiftPM makes this file's top-level code the program's entry point, so it starts libFuzzer's
// driver itself (LLVMFuzzerRunDriver) instead of relying on libFuzzer's own `main`.

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = try? FuzzEntry.gguf(bytes)
    return 0
})
