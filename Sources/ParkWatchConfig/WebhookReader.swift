import Foundation

/// One receiver of events: where they go, which of them, how they are signed and paced.
package struct WebhookConfig: Sendable, Equatable {
    package var url: String
    package var events: [String]
    /// Key of the HMAC-SHA256 signature in `X-ParkWatch-Signature`; nil sends them unsigned.
    package var secret: String?
    /// Least seconds between two deliveries to this URL; 0 sends as fast as they come.
    package var minInterval: Double
    /// A lot is full once this share of its known spaces is occupied…
    package var fullAt: Double
    /// …and available again once the share falls to this or below: the gap keeps one car coming
    /// and going from sending full, available, full.
    package var availableAt: Double

    package init(
        url: String, events: [String], secret: String? = nil, minInterval: Double = 0, fullAt: Double = 0.95, availableAt: Double = 0.9
    ) {
        self.url = url
        self.events = events
        self.secret = secret
        self.minInterval = minInterval
        self.fullAt = fullAt
        self.availableAt = availableAt
    }

    package static let eventNames = ["lot_full", "lot_available", "space_changed", "camera_offline", "camera_online", "photo_rejected"]
}

/// Reads the `webhooks` list.
struct WebhookReader {
    static let keys = ["url", "events", "secret", "min_interval", "full_at", "available_at"]

    func readAll(_ field: Field) -> [WebhookConfig] {
        if field.isNull { return [] }
        guard case .sequence(let sequence) = field.node else {
            field.fail("must be a list of webhooks, each with a url and events (got \(field.shown))")
            return []
        }
        return Array(sequence).enumerated().compactMap { index, node in
            read(field.child("\(index)", node: node, mark: node.mark ?? field.mark))
        }
    }

    private func read(_ field: Field) -> WebhookConfig? {
        guard let map = FieldMap.read(field, allowed: Self.keys) else { return nil }
        guard let urlField = map["url"], let eventsField = map["events"] else {
            field.fail("a webhook needs a url and a list of events")
            return nil
        }
        var webhook = WebhookConfig(url: "", events: [])
        if let url = httpURL(urlField) { webhook.url = url }
        webhook.events = events(eventsField)
        webhook.secret = map["secret"]?.nonEmptyText()
        if let seconds = map["min_interval"]?.number(.nonNegative) { webhook.minInterval = seconds }
        if let share = map["full_at"]?.number(.unitInterval) { webhook.fullAt = share }
        if let share = map["available_at"]?.number(.unitInterval) { webhook.availableAt = share }
        if webhook.availableAt >= webhook.fullAt {
            (map["available_at"] ?? map["full_at"])?.fail(
                "available_at (\(webhook.availableAt)) must be below full_at (\(webhook.fullAt)), or a lot would flap between the two")
        }
        return webhook.url.isEmpty || webhook.events.isEmpty ? nil : webhook
    }

    private func httpURL(_ field: Field) -> String? {
        guard let text = field.nonEmptyText() else { return nil }
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), !(url.host ?? "").isEmpty else {
            field.fail("must be an http:// or https:// URL (got `\(text)`)")
            return nil
        }
        return text
    }

    private func events(_ field: Field) -> [String] {
        guard case .sequence(let sequence) = field.node, !sequence.isEmpty else {
            field.fail("must be a list of events, some of \(WebhookConfig.eventNames.joined(separator: ", ")) (got \(field.shown))")
            return []
        }
        return Array(sequence).enumerated().compactMap { index, node in
            field.child("\(index)", node: node, mark: node.mark ?? field.mark).choice(of: WebhookConfig.eventNames)
        }
    }
}
