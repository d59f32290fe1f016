import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to the server under test, to send exactly the bytes a slow or idle
/// client would, and to see when the server closes it.
final class RawSocket: Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw Failure(description: "cannot connect to 127.0.0.1:\(port): errno \(errno)")
        }
    }

    deinit { close(fd) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count else { throw Failure(description: "write failed: errno \(errno)") }
    }

    /// The first bytes the server sends (for a request, the start of its answer), on a thread of
    /// its own; empty if nothing comes within `limit` seconds.
    func readSome(limit: Int) async -> Data {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var timeout = timeval(tv_sec: limit, tv_usec: 0)
                setsockopt(self.fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = self.readRetrying(&buffer)
                continuation.resume(returning: Data(buffer.prefix(max(count, 0))))
            }
        }
    }

    /// Everything the server sends until it closes the connection, on a thread of its own so a
    /// blocking read holds no task thread. `closed` is false when `limit` seconds pass first.
    func readUntilClosed(limit: Int) async -> (bytes: Data, closed: Bool, seconds: Double) {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: self.blockingRead(limit: limit)) }
        }
    }

    /// A signal meant for another part of the test process (a child exiting) interrupts a
    /// blocking read; that is no answer from the server, so read again.
    private func readRetrying(_ buffer: inout [UInt8]) -> Int {
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count >= 0 || errno != EINTR { return count }
        }
    }

    private func blockingRead(limit: Int) -> (bytes: Data, closed: Bool, seconds: Double) {
        let started = ContinuousClock.now
        var timeout = timeval(tv_sec: limit, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = readRetrying(&buffer)
            if count > 0 {
                data.append(contentsOf: buffer[0..<count])
                continue
            }
            let closed = count == 0 || errno == ECONNRESET
            let elapsed = ContinuousClock.now - started
            return (data, closed, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
    }
}
