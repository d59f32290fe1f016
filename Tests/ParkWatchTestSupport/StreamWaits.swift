/// Waiting on what a service under test reports, with a deadline instead of a hang.
extension AsyncStream where Element: Sendable {
    /// The next `count` elements, or those that came within `seconds`.
    public func first(_ count: Int, within seconds: Double = liveDeadline) async -> [Element] {
        await withTaskGroup(of: [Element]?.self) { group in
            group.addTask {
                var taken: [Element] = []
                for await element in self {
                    taken.append(element)
                    if taken.count == count { break }
                }
                return taken
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let winner = await group.next() ?? nil
            group.cancelAll()
            if let winner { return winner }
            // The deadline came first: what the reader took before it was cancelled.
            return await group.next().flatMap { $0 } ?? []
        }
    }

    /// The next element that satisfies `predicate`, or nil if none came within `seconds`.
    public func first(within seconds: Double = liveDeadline, where predicate: @escaping @Sendable (Element) -> Bool) async -> Element? {
        await withTaskGroup(of: Element?.self) { group in
            group.addTask {
                for await element in self where predicate(element) { return element }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let winner = await group.next() ?? nil
            group.cancelAll()
            return winner
        }
    }
}
