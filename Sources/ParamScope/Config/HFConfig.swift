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

    /// Parses the bytes of a config.json; `file` names it in diagnostics.
    static func parse(_ bytes: [UInt8], file: String) throws(Diagnostic) -> HFConfig {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "unreadable"
            throw Diagnostic(at: location(in: bytes, file: file, reason: reason), "not valid JSON: \(reason)")
        }
        guard let object = parsed as? [String: Any] else {
            throw Diagnostic(file: file, "a config.json must be a JSON object")
        }
        return HFConfig(file: file, object: object)
    }

    /// Where Foundation's parser stopped: "around character N" (a byte offset), or the end of
    /// the file for a truncated one — as a 1-based line and column.
    static func location(in bytes: [UInt8], file: String, reason: String) -> SourceLocation {
        var offset = bytes.count
        if let range = reason.range(of: "character ") {
            let digits = reason[range.upperBound...].prefix { $0.isNumber }
            if let value = Int(digits) { offset = min(value, bytes.count) }
        }
        var line = 1, column = 1
        for byte in bytes[..<offset] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
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
                throw Diagnostic(file: file, "\(path).\(key): expected a non-negative integer, found \(number)")
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
        case let number as NSNumber: return isBool(number) ? (number.boolValue ? "true" : "false") : "\(number)"
        case let text as String: return "\"\(text.prefix(40))\""
        case is [Any]: return "an array"
        case is [String: Any]: return "an object"
        default: return "null"
        }
    }
}
