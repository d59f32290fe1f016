import Foundation
import Logging
import ParkWatchCentral
import ParkWatchConfig
import ParkWatchMQTT
import ParkWatchPipeline
import ParkWatchStore
import ParkWatchWebhooks
import ServiceLifecycle

/// What the configuration sends to other systems, as services for `run` and `watch`: the webhook
/// outbox's delivery, the MQTT publisher, and the forwarder to the central database.
enum ConfiguredIntegrations {
    static func services(
        _ configuration: Configuration?, parts: PipelineParts, logger: Logger,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> [ServiceGroupConfiguration.ServiceConfiguration] {
        guard let configuration else { return [] }
        let store = parts.store
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if !configuration.webhooks.isEmpty {
            services.append(.init(service: WebhookDelivery(store: store, targets: configuration.webhooks, logger: logger)))
        }
        // Streams report their own health; cameras that upload are watched for silence.
        let uploads = configuration.cameras.values.filter { $0.stream == nil }
        if configuration.webhooks.contains(where: { !Set($0.events).isDisjoint(with: ["camera_offline", "camera_online"]) }), !uploads.isEmpty {
            let watched = Dictionary(uniqueKeysWithValues: uploads.map { ($0.id, $0.offlineAfter) })
            services.append(.init(service: UploadCameraWatch(cameras: watched, store: store, events: parts.webhookEvents, logger: logger)))
        }
        if let mqtt = configuration.mqtt {
            services.append(.init(service: MQTTPublisher(store: store, config: mqtt, lots: parts.settings.cameraLots, logger: logger)))
        }
        if let central = configuration.central {
            let lots = configuration.cameras.mapValues(\.lot)
            services.append(.init(service: CentralForwarder(
                store: store, address: try centralAddress(central, environment: environment), site: central.site, lots: lots, logger: logger)))
        }
        return services
    }

    /// With a central database configured, the web app books there (every site's web nodes share
    /// the bookings), through a pool that runs as a service of the group.
    static func centralBookings(
        _ configuration: Configuration?, logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> (bookings: any BookingStore, pool: ServiceGroupConfiguration.ServiceConfiguration)? {
        guard let central = configuration?.central else { return nil }
        let database = CentralDatabase(address: try centralAddress(central, environment: environment), logger: logger)
        return (database, .init(service: CentralPool(database: database, logger: logger)))
    }

    private static func centralAddress(_ central: CentralConfig, environment: [String: String]) throws -> CentralAddress {
        guard let url = central.resolvedURL(environment: environment) else { throw CentralError.noURL }
        return try CentralAddress(url: url, environment: environment)
    }
}
