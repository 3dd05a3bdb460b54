// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ParamScope",
    platforms: [.macOS(.v13)],
    products: [
        // The executable's target has its own name: `Sources/paramscope` and `Sources/ParamScope`
        // would be one folder on a case-insensitive file system.
        .executable(name: "paramscope", targets: ["ParamScopeCLI"]),
        .library(name: "ParamScopeCore", targets: ["ParamScopeCore"]),
        .library(name: "ParamScope", targets: ["ParamScope"]),
    ],
    dependencies: [
        // Pinned exactly: Package.resolved is not committed, and reports must be byte-identical.
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        // Property tests only (ParamScopeCoreTests): random specs never trap, the folds agree.
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
    ],
    targets: [
        // The arithmetic: no package dependencies, no I/O.
        .target(name: "ParamScopeCore"),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "Ccmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .target(
            name: "ParamScope",
            dependencies: [
                "ParamScopeCore", "CYAML", "Ccmark",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(
            name: "ParamScopeCLI",
            dependencies: [
                "ParamScope", "ParamScopeCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ParamScopeCoreTests",
            dependencies: ["ParamScopeCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "ParamScopeTests",
            dependencies: ["ParamScope", "ParamScopeCore"],
            // Read through #filePath, so tests see the files a developer edits.
            exclude: ["Fixtures", "Golden"]
        ),
    ]
)

// The benchmark is built only when asked for (`make benchmark` sets PARAMSCOPE_BENCHMARKS=1, in its own
// scratch folder), so `make test` and CI do not pay for it.
if Context.environment["PARAMSCOPE_BENCHMARKS"] != nil {
    package.targets.append(
        .executableTarget(name: "paramscope-bench", dependencies: ["ParamScope", "ParamScopeCore"], path: "Benchmarks/Sources")
    )
}

// libFuzzer targets, built only by `fuzz/run.sh` (PARAMSCOPE_FUZZ=1, own scratch folder, with
// ASan and coverage): each feeds random bytes to one input reader through FuzzDriver.
if Context.environment["PARAMSCOPE_FUZZ"] != nil {
    package.targets.append(.target(name: "FuzzDriver", path: "fuzz/driver"))
    for name in ["yaml", "hfconfig", "nested", "safetensors", "index", "gguf", "prose", "template", "ggufmodel", "quantized"] {
        package.targets.append(
            .executableTarget(
                name: "fuzz-\(name)", dependencies: ["FuzzDriver", "ParamScope", "ParamScopeCore"], path: "fuzz/\(name)"
            )
        )
        package.products.append(.executable(name: "fuzz-\(name)", targets: ["fuzz-\(name)"]))
    }
}
