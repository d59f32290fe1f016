import Foundation

/// Bounds-checked reads from untrusted bytes. Every accessor returns nil instead of trapping, and all
/// offsets are relative to the start of the buffer (a `Data` slice's own indices are not).
struct ByteReader: Sendable {
    let data: Data

    init(_ data: Data) {
        // Rebase so offset 0 is the first byte even when the caller passed a slice.
        self.data = data.startIndex == 0 ? data : Data(data)
    }

    var count: Int { data.count }

    /// Whether `length` bytes starting at `offset` lie inside the buffer, without overflowing.
    func contains(_ offset: Int, length: Int) -> Bool {
        offset >= 0 && length >= 0 && offset <= count && length <= count - offset
    }

    func u8(_ offset: Int) -> UInt8? {
        contains(offset, length: 1) ? data[offset] : nil
    }

    func u16(_ offset: Int, bigEndian: Bool) -> UInt16? {
        guard contains(offset, length: 2) else { return nil }
        let (first, second) = (UInt16(data[offset]), UInt16(data[offset + 1]))
        return bigEndian ? first << 8 | second : second << 8 | first
    }

    func u24LE(_ offset: Int) -> UInt32? {
        guard contains(offset, length: 3) else { return nil }
        return UInt32(data[offset]) | UInt32(data[offset + 1]) << 8 | UInt32(data[offset + 2]) << 16
    }

    func u32(_ offset: Int, bigEndian: Bool) -> UInt32? {
        guard let first = u16(offset, bigEndian: bigEndian),
              let second = u16(offset + 2, bigEndian: bigEndian) else { return nil }
        return bigEndian ? UInt32(first) << 16 | UInt32(second) : UInt32(second) << 16 | UInt32(first)
    }

    func bytes(_ offset: Int, length: Int) -> Data? {
        contains(offset, length: length) ? data.subdata(in: offset..<(offset + length)) : nil
    }

    func matches(_ expected: [UInt8], at offset: Int) -> Bool {
        guard contains(offset, length: expected.count) else { return false }
        return expected.indices.allSatisfy { data[offset + $0] == expected[$0] }
    }

    /// First index of `byte` at or after `offset`, via memchr because JPEG scans can be tens of MB.
    func firstIndex(of byte: UInt8, from offset: Int) -> Int? {
        guard offset >= 0, offset < count else { return nil }
        return data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int? in
            guard let base = buffer.baseAddress,
                  let hit = memchr(base + offset, Int32(byte), count - offset) else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }
    }
}
