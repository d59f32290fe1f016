import Foundation

enum Chronology {
    /// `items` sorted by time; of several items at the same instant the one given last wins.
    /// Already strictly increasing input (the store's normal output) is returned without copying.
    static func lastWins<Item>(_ items: [Item], time: (Item) -> Date) -> [Item] {
        if isStrictlyIncreasing(items, time: time) { return items }
        // Sorting by (time, original position) makes "last given" well defined whatever the sort.
        let ordered = items.enumerated().sorted { (time($0.element), $0.offset) < (time($1.element), $1.offset) }
        var result: [Item] = []
        result.reserveCapacity(ordered.count)
        for (_, item) in ordered {
            if let last = result.last, time(last) == time(item) { result.removeLast() }
            result.append(item)
        }
        return result
    }

    static func isStrictlyIncreasing<Item>(_ items: [Item], time: (Item) -> Date) -> Bool {
        var previous = Date.distantPast
        for (position, item) in items.enumerated() {
            let current = time(item)
            if position > 0, !(current > previous) { return false }
            previous = current
        }
        return true
    }
}
