import Foundation

/// A parsed Hugging Face config.json: typed look-ups that name the JSON path when a field is
/// missing or of the wrong type.
struct HFConfig {
    let file: String
    let object: [String: Any]
    /// The path of this object inside the file (`$` or `$.text_config`).
    let path: String

    init(file: String, object: [String: Any], path: String = "$") {
        self.file = file
        self.object = object
        self.path = path
    }

    /// Reads and parses `file`.
    static func read(_ file: String) throws(Diagnostic) -> HFConfig {
        try parse(InputFiles.read(file), file: file)
    }

    /// Parses the bytes of a config.json; `file` names it in diagnostics, an error at its line
    /// and column.
    static func parse(_ bytes: [UInt8], file: String) throws(Diagnostic) -> HFConfig {
        let parsed: JSONReader.Value
        do {
            parsed = try JSONReader.parse(bytes)
        } catch {
            throw Diagnostic(at: JSONReader.location(of: error.offset, in: bytes, file: file), "not valid JSON: \(error.reason)")
        }
        guard case .object = parsed, let object = parsed.foundation as? [String: Any] else {
            throw Diagnostic(file: file, "a config.json must be a JSON object")
        }
        return HFConfig(file: file, object: object)
    }

    func has(_ key: String) -> Bool { object[key] != nil && !(object[key] is NSNull) }

    /// The first of `keys` present, as a non-negative integer.
    func int(_ keys: String...) throws(Diagnostic) -> Int? {
        for key in keys {
            guard let value = object[key], !(value is NSNull) else { continue }
            guard let number = value as? NSNumber, !Self.isBool(number) else {
                throw Diagnostic(file: file, "\(path).\(key): expected an integer, found \(Self.describe(value))")
            }
            let double = number.doubleValue
            guard double == double.rounded(), double >= 0, double < 9.2e18, let exact = Int(exactly: number.int64Value),
                  Double(exact) == double else {
                throw Diagnostic(file: file, "\(path).\(key): expected a non-negative integer, found \(Self.describe(number))")
            }
            return exact
        }
        return nil
    }

    /// An integer that may be negative (`moe_layer_end_index: -1`).
    func signedInt(_ key: String) throws(Diagnostic) -> Int? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let number = value as? NSNumber, !Self.isBool(number), let exact = Int(exactly: number.doubleValue) else {
            throw Diagnostic(file: file, "\(path).\(key): expected an integer, found \(Self.describe(value))")
        }
        return exact
    }

    func bool(_ key: String) throws(Diagnostic) -> Bool? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let number = value as? NSNumber, Self.isBool(number) else {
            throw Diagnostic(file: file, "\(path).\(key): expected true or false, found \(Self.describe(value))")
        }
        return number.boolValue
    }

    func string(_ key: String) throws(Diagnostic) -> String? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let text = value as? String else {
            throw Diagnostic(file: file, "\(path).\(key): expected a string, found \(Self.describe(value))")
        }
        return text
    }

    func number(_ key: String) throws(Diagnostic) -> Double? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let number = value as? NSNumber, !Self.isBool(number) else {
            throw Diagnostic(file: file, "\(path).\(key): expected a number, found \(Self.describe(value))")
        }
        return number.doubleValue
    }

    /// A nested object (`text_config`, `rope_scaling`).
    func object(_ key: String) throws(Diagnostic) -> HFConfig? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let nested = value as? [String: Any] else {
            throw Diagnostic(file: file, "\(path).\(key): expected an object, found \(Self.describe(value))")
        }
        return HFConfig(file: file, object: nested, path: "\(path).\(key)")
    }

    static func isBool(_ number: NSNumber) -> Bool {
        // JSON true/false arrive as NSNumber with Objective-C type "c" (char); JSON has no chars.
        String(cString: number.objCType) == "c"
    }

    static func describe(_ value: Any) -> String {
        switch value {
        case let number as NSNumber:
            if isBool(number) { return number.boolValue ? "true" : "false" }
            // As Python writes them (`json.dump`), not Foundation's `nan` / `inf`.
            let double = number.doubleValue
            if double.isNaN { return "NaN" }
            if double.isInfinite { return double > 0 ? "Infinity" : "-Infinity" }
            return "\(number)"
        case let text as String: return "\"\(text.prefix(40))\""
        case is [Any]: return "an array"
        case is [String: Any]: return "an object"
        default: return "null"
        }
    }
}

/// The config.json files one run imports, each read and parsed once however many models name it
/// (an `hf_config` in `defaults:` is named by every model of its list, in lists loaded on every core).
final class HFConfigCache: @unchecked Sendable {
    private final class Slot: @unchecked Sendable {
        let lock = NSLock()
        var result: Result<HFConfig, Diagnostic>?
    }

    private var slots: [String: Slot] = [:]
    private let lock = NSLock()
    /// How many files were parsed: what the tests check.
    private(set) var parses = 0

    init() {}

    /// The parsed file at `path` (the same path spelled two ways is one file).
    func config(_ path: String) throws(Diagnostic) -> HFConfig {
        let key = (path as NSString).standardizingPath
        let slot = lock.withLock {
            if let slot = slots[key] { return slot }
            let slot = Slot()
            slots[key] = slot
            return slot
        }
        let result = slot.lock.withLock {
            if let result = slot.result { return result }
            let result = Result { () throws(Diagnostic) in try HFConfig.read(path) }
            lock.withLock { parses += 1 }
            slot.result = result
            return result
        }
        return try result.get()
    }
}
