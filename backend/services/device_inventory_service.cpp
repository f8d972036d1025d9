// DeviceInventoryService: the fleet as operators see it (devices.proto) — filtered, ordered, keyset-paged
// device lists, one device with its history, and fleet-wide counts.
#include "backend/services/device_filter.h"
#include "backend/services/device_history.h"
#include "backend/services/device_paging.h"
#include "backend/services/services.h"
#include "backend/services/unary_call.h"
#include "backend/storage/device_records.h"
#include "otter/v1/devices.grpc.pb.h"

#include <algorithm>

namespace otter::backend {
namespace {

constexpr int DefaultHistoryLimit = 20;
constexpr int MaxHistoryLimit = 200;

// The revision committed in the read's snapshot, so counts say which state of the fleet they describe.
Result<qint64> snapshotRevision(SqliteConnection &connection)
{
    auto statement = connection.prepare("SELECT value FROM meta WHERE key = 'revision'");
    if (!statement)
        return statement.error();
    if (!statement->next())
        return statement->failed() ? Result<qint64>(statement->error()) : Result<qint64>(qint64(0));
    return statement->int64(0);
}

class DeviceInventoryService final : public v1::DeviceInventoryService::CallbackService
{
public:
    explicit DeviceInventoryService(ServiceContext &context)
        : m_context(context)
    {}

    grpc::ServerUnaryReactor *ListDevices(grpc::CallbackServerContext *call,
                                          const v1::ListDevicesRequest *request,
                                          v1::ListDevicesResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_VIEWER, "ListDevices",
                          [&](const Caller &) { return listDevices(*request, response); });
    }

    grpc::ServerUnaryReactor *GetDevice(grpc::CallbackServerContext *call,
                                        const v1::GetDeviceRequest *request,
                                        v1::GetDeviceResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_VIEWER, "GetDevice",
                          [&](const Caller &) { return getDevice(*request, response); });
    }

    grpc::ServerUnaryReactor *GetFleetSummary(grpc::CallbackServerContext *call,
                                              const v1::GetFleetSummaryRequest *request,
                                              v1::GetFleetSummaryResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_VIEWER, "GetFleetSummary",
                          [&](const Caller &) { return fleetSummary(*request, response); });
    }

private:
    ApiStatus listDevices(const v1::ListDevicesRequest &request, v1::ListDevicesResponse *response)
    {
        auto filter = compileDeviceFilter(request.filter(), QStringLiteral("filter"));
        if (auto *error = std::get_if<ApiError>(&filter))
            return *error;
        const auto sortKey = deviceSortKey(request.order_by());
        if (!sortKey)
            return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                            QStringLiteral("order_by %1 is not a known order (see DeviceOrderBy)")
                                .arg(int(request.order_by())));
        DeviceListQuery query;
        query.filter = std::get<CompiledFilter>(filter).sql;
        query.sortKey = *sortKey;
        query.descending = request.descending();
        query.limit = effectivePageSize(m_context, request.page_size());
        const QString fingerprint = deviceListFingerprint(request);
        const bool firstPage = request.page_token().empty();
        if (!firstPage) {
            query.after = decodeDevicePageToken(request.page_token(), *sortKey, fingerprint);
            if (!query.after)
                return apiError(
                    grpc::StatusCode::INVALID_ARGUMENT,
                    QStringLiteral("page_token is not a token of this listing: it is malformed, or "
                                   "the filter or order changed since; start again with an empty "
                                   "page_token"));
        }
        auto next =
            m_context.database.read([&](SqliteConnection &connection) -> Result<std::optional<DeviceKeyset>> {
                // The total is counted on the first page only (devices.proto): later pages would pay a full
                // count each for a number the client already has. Same snapshot as the page itself.
                if (firstPage) {
                    auto total = countDevices(connection, query.filter);
                    if (!total)
                        return total.error();
                    response->set_total_count(quint64(*total));
                }
                return otter::backend::listDevices(connection, query, response->mutable_devices());
            });
        if (!next)
            return apiError(next.error());
        if (*next)
            response->set_next_page_token(encodeDevicePageToken(**next, fingerprint).toStdString());
        return std::nullopt;
    }

    ApiStatus getDevice(const v1::GetDeviceRequest &request, v1::GetDeviceResponse *response)
    {
        const QString id = QString::fromStdString(request.device_id());
        if (id.isEmpty())
            return apiError(grpc::StatusCode::INVALID_ARGUMENT, QStringLiteral("device_id is required"));
        const int limit = request.history_limit() == 0
                              ? DefaultHistoryLimit
                              : int(qMin<quint32>(request.history_limit(), MaxHistoryLimit));
        auto found = m_context.database.read([&](SqliteConnection &connection) -> Result<bool> {
            auto device = findDevice(connection, id);
            if (!device)
                return device.error();
            if (!device->has_value())
                return false;
            *response->mutable_device() = std::move(**device);
            if (auto ok = appendDeviceDeploymentHistory(connection, id, limit, response->mutable_history());
                !ok)
                return ok.error();
            return true;
        });
        if (!found)
            return apiError(found.error());
        if (!*found)
            return apiError(grpc::StatusCode::NOT_FOUND,
                            QStringLiteral("no device has the id \"%1\"").arg(id));
        return std::nullopt;
    }

    ApiStatus fleetSummary(const v1::GetFleetSummaryRequest &request, v1::GetFleetSummaryResponse *response)
    {
        auto filter = compileDeviceFilter(request.filter(), QStringLiteral("filter"));
        if (auto *error = std::get_if<ApiError>(&filter))
            return *error;
        // Offline after three missed check-ins: the threshold WhoAmI reports as offline_after.
        const qint64 offlineBefore = m_context.clock.now().toMSecsSinceEpoch() -
                                     qint64(3) * m_context.config.checkInIntervalSeconds * 1000;
        qint64 revision = 0;
        auto counts = m_context.database.read([&](SqliteConnection &connection) -> Result<FleetCounts> {
            auto stored = snapshotRevision(connection);
            if (!stored)
                return stored.error();
            revision = *stored;
            return countFleet(connection, std::get<CompiledFilter>(filter).sql, offlineBefore);
        });
        if (!counts)
            return apiError(counts.error());
        response->set_total_devices(quint64(counts->total));
        response->set_busy_devices(quint64(counts->busy));
        response->set_offline_devices(quint64(counts->offline));
        response->set_revision(revision);
        for (const auto &[version, count] : counts->byFirmwareVersion) {
            v1::VersionCount *entry = response->add_by_firmware_version();
            entry->set_firmware_version(version.toStdString());
            entry->set_count(quint64(count));
        }
        for (const auto &[hardwareClass, count] : counts->byHardwareClass) {
            v1::HardwareClassCount *entry = response->add_by_hardware_class();
            entry->set_hardware_class(hardwareClass.toStdString());
            entry->set_count(quint64(count));
        }
        // Stored names map onto states one to one, except text no state has: merge by state to be safe.
        QList<std::pair<v1::DeviceState, qint64>> states;
        for (const auto &[name, count] : counts->byState) {
            const v1::DeviceState state = deviceStateFromName(name);
            auto it = std::find_if(states.begin(), states.end(),
                                   [&](const auto &entry) { return entry.first == state; });
            if (it == states.end())
                states.append({state, count});
            else
                it->second += count;
        }
        std::stable_sort(states.begin(), states.end(),
                         [](const auto &a, const auto &b) { return a.second > b.second; });
        for (const auto &[state, count] : states) {
            v1::DeviceStateCount *entry = response->add_by_state();
            entry->set_state(state);
            entry->set_count(quint64(count));
        }
        return std::nullopt;
    }

    ServiceContext &m_context;
};

} // namespace

std::unique_ptr<grpc::Service> makeDeviceInventoryService(ServiceContext &context)
{
    return std::make_unique<DeviceInventoryService>(context);
}

} // namespace otter::backend
