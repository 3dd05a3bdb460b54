/// A cheap hash of a mapping key's bytes (FNV-1a), for the reader's small key tables.
///
/// Keys are short ASCII names; hashing one this way costs a few instructions a byte, where
/// `Hasher` (SipHash, seeded per process) costs a few hundred a key.
enum KeyHash {
    static func of(_ text: String) -> UInt32 {
        // Contiguous bytes (a small string's are copied to the stack) loop far faster than
        // the UTF-8 view's iterator.
        text.utf8.withContiguousStorageIfAvailable(of) ?? of(Array(text.utf8))
    }

    private static func of<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt32 {
        var value: UInt32 = 2_166_136_261
        for byte in bytes { value = (value ^ UInt32(byte)) &* 16_777_619 }
        return value ^ (value >> 16)
    }
}
