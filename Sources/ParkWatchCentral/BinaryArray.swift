import Foundation
import PostgresNIO

/// A one-dimensional PostgreSQL array as the server sends it in binary: a header (dimensions,
/// null flag, element type, then size and lower bound per dimension), then each element as a
/// length and its bytes. A year's report reads millions of elements; postgres-nio's generic
/// decoder spends most of its time on reference counting and type metadata per element, so the
/// report's arrays are read here, in one pass over the bytes.
struct BinaryArray {
    private var buffer: ByteBuffer
    let count: Int

    init(_ buffer: ByteBuffer) throws(CentralError) {
        var buffer = buffer
        guard let dimensions = buffer.readInteger(as: Int32.self), buffer.readInteger(as: Int32.self) != nil,
              buffer.readInteger(as: UInt32.self) != nil, (0...1).contains(dimensions) else { throw .badArray }
        if dimensions == 1 {
            guard let size = buffer.readInteger(as: Int32.self), size >= 0, buffer.readInteger(as: Int32.self) != nil else { throw .badArray }
            count = Int(size)
        } else {
            count = 0
        }
        self.buffer = buffer
    }

    /// Each element's bytes, in order; a NULL element is refused (the report's columns have none).
    private mutating func elements<T>(_ read: (inout ByteBuffer, Int) -> T?) throws(CentralError) -> [T] {
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            guard let length = buffer.readInteger(as: Int32.self), length >= 0, buffer.readableBytes >= Int(length) else { throw .badArray }
            let start = buffer.readerIndex
            guard let value = read(&buffer, Int(length)) else { throw .badArray }
            buffer.moveReaderIndex(to: start + Int(length))
            values.append(value)
        }
        return values
    }

    /// `int8` elements.
    mutating func integers() throws(CentralError) -> [Int] {
        try elements { buffer, length in length == 8 ? buffer.getInteger(at: buffer.readerIndex, as: Int64.self).map(Int.init) : nil }
    }

    /// `timestamptz` elements (microseconds since 2000-01-01 UTC), as postgres-nio reads them.
    mutating func dates() throws(CentralError) -> [Date] {
        try elements { buffer, length in
            guard length == 8, let micros = buffer.getInteger(at: buffer.readerIndex, as: Int64.self) else { return nil }
            return Date(timeInterval: Double(micros) / 1_000_000, since: Self.postgresEpoch)
        }
    }

    /// `text` elements.
    mutating func strings() throws(CentralError) -> [String] {
        try elements { buffer, length in buffer.getString(at: buffer.readerIndex, length: length) }
    }

    static let postgresEpoch = Date(timeIntervalSince1970: 946_684_800)
}
