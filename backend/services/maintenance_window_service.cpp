// MaintenanceWindowService: recurring install windows in an IANA time zone (windows.proto), and their next
// openings. Mutations follow the same rules as groups: one transaction, revision checks, audit entry.
#include "backend/services/page_token.h"
#include "backend/services/services.h"
#include "backend/services/stored_object_refusals.h"
#include "backend/services/unary_call.h"
#include "backend/services/window_validation.h"
#include "backend/storage/windows.h"
#include "otter/v1/windows.grpc.pb.h"

#include <QUuid>

#include <google/protobuf/util/time_util.h>

namespace otter::backend {
namespace {

using google::protobuf::util::TimeUtil;

constexpr int DefaultOpeningCount = 10;
constexpr int MaxOpeningCount = 100;

QJsonObject windowDetails(const v1::MaintenanceWindow &window)
{
    QJsonObject details{{QStringLiteral("name"), QString::fromStdString(window.name())},
                        {QStringLiteral("time_zone"), QString::fromStdString(window.time_zone())},
                        {QStringLiteral("duration_s"), double(window.duration().seconds())},
                        {QStringLiteral("revision"), double(window.revision())}};
    if (window.has_cron()) {
        details.insert(QStringLiteral("cron"), QString::fromStdString(window.cron().expression()));
    } else {
        QStringList days;
        for (int day : window.weekly().weekdays())
            days << QString::number(day);
        details.insert(QStringLiteral("weekly"),
                       QStringLiteral("%1@%2:%3")
                           .arg(days.join(u','))
                           .arg(window.weekly().start().hour(), 2, 10, QLatin1Char('0'))
                           .arg(window.weekly().start().minute(), 2, 10, QLatin1Char('0')));
    }
    return details;
}

ApiError nameTaken(const v1::MaintenanceWindow &holder)
{
    return windowConflict(
        grpc::StatusCode::ALREADY_EXISTS,
        QStringLiteral("the window name \"%1\" is taken by window %2")
            .arg(QString::fromStdString(holder.name()), QString::fromStdString(holder.id())),
        v1::ERROR_REASON_ALREADY_EXISTS, holder);
}

ApiError notFound(const QString &id)
{
    return apiError(grpc::StatusCode::NOT_FOUND,
                    QStringLiteral("no maintenance window has the id \"%1\"").arg(id));
}

class MaintenanceWindowService final : public v1::MaintenanceWindowService::CallbackService
{
public:
    explicit MaintenanceWindowService(ServiceContext &context)
        : m_context(context)
    {}

    grpc::ServerUnaryReactor *CreateMaintenanceWindow(grpc::CallbackServerContext *call,
                                                      const v1::CreateMaintenanceWindowRequest *request,
                                                      v1::CreateMaintenanceWindowResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_OPERATOR, "CreateMaintenanceWindow",
                          [&](const Caller &caller) {
                              return createWindow(caller, request->window(), response->mutable_window());
                          });
    }

    grpc::ServerUnaryReactor *GetMaintenanceWindow(grpc::CallbackServerContext *call,
                                                   const v1::GetMaintenanceWindowRequest *request,
                                                   v1::GetMaintenanceWindowResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_VIEWER, "GetMaintenanceWindow",
                          [&](const Caller &) -> ApiStatus {
                              const QString id = QString::fromStdString(request->window_id());
                              if (id.isEmpty())
                                  return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                                                  QStringLiteral("window_id is required"));
                              auto found = m_context.database.read(
                                  [&](SqliteConnection &connection) { return findWindow(connection, id); });
                              if (!found)
                                  return apiError(found.error());
                              if (!found->has_value())
                                  return notFound(id);
                              *response->mutable_window() = std::move(**found);
                              return std::nullopt;
                          });
    }

    grpc::ServerUnaryReactor *ListMaintenanceWindows(grpc::CallbackServerContext *call,
                                                     const v1::ListMaintenanceWindowsRequest *request,
                                                     v1::ListMaintenanceWindowsResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_VIEWER, "ListMaintenanceWindows",
                          [&](const Caller &) { return listWindows(*request, response); });
    }

    grpc::ServerUnaryReactor *UpdateMaintenanceWindow(grpc::CallbackServerContext *call,
                                                      const v1::UpdateMaintenanceWindowRequest *request,
                                                      v1::UpdateMaintenanceWindowResponse *response) override
    {
        return serveUnary(
            m_context, call, v1::ROLE_OPERATOR, "UpdateMaintenanceWindow",
            [&](const Caller &caller) { return updateWindow(caller, *request, response->mutable_window()); });
    }

    grpc::ServerUnaryReactor *DeleteMaintenanceWindow(grpc::CallbackServerContext *call,
                                                      const v1::DeleteMaintenanceWindowRequest *request,
                                                      v1::DeleteMaintenanceWindowResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_OPERATOR, "DeleteMaintenanceWindow",
                          [&](const Caller &caller) { return deleteWindow(caller, *request, response); });
    }

    grpc::ServerUnaryReactor *ListWindowOpenings(grpc::CallbackServerContext *call,
                                                 const v1::ListWindowOpeningsRequest *request,
                                                 v1::ListWindowOpeningsResponse *response) override
    {
        return serveUnary(m_context, call, v1::ROLE_VIEWER, "ListWindowOpenings",
                          [&](const Caller &) { return listOpenings(*request, response); });
    }

private:
    ApiStatus createWindow(const Caller &caller, const v1::MaintenanceWindow &input,
                           v1::MaintenanceWindow *output)
    {
        auto validated = validatedWindow(input);
        if (auto *error = std::get_if<ApiError>(&validated))
            return *error;
        v1::MaintenanceWindow window = std::get<v1::MaintenanceWindow>(std::move(validated));
        if (window.id().empty())
            window.set_id(QUuid::createUuid().toString(QUuid::WithoutBraces).toLower().toStdString());
        const QString id = QString::fromStdString(window.id());
        const auto now = TimeUtil::MillisecondsToTimestamp(m_context.clock.now().toMSecsSinceEpoch());
        window.set_created_by(caller.name.toStdString());
        *window.mutable_created_at() = now;
        window.set_updated_by(caller.name.toStdString());
        *window.mutable_updated_at() = now;

        ApiStatus refusal;
        auto written = m_context.database.write([&](WriteContext &tx) -> Result<bool> {
            auto existing = findWindow(tx.sql(), id);
            if (!existing)
                return existing.error();
            if (existing->has_value())
                return refuse(
                    refusal,
                    windowConflict(grpc::StatusCode::ALREADY_EXISTS,
                                   QStringLiteral("a maintenance window with the id %1 already exists "
                                                  "(\"%2\", revision %3)")
                                       .arg(id, QString::fromStdString((*existing)->name()))
                                       .arg((*existing)->revision()),
                                   v1::ERROR_REASON_ALREADY_EXISTS, **existing));
            if (auto free = checkNameFree(findWindowByName(tx.sql(), QString::fromStdString(window.name())),
                                          window, refusal, nameTaken);
                !free)
                return free.error();
            auto revision = tx.revision();
            if (!revision)
                return revision.error();
            window.set_revision(*revision);
            if (auto ok = saveWindow(tx.sql(), window); !ok)
                return ok.error();
            if (auto ok = tx.audit({caller.name, QStringLiteral("maintenance_window.create"),
                                    QStringLiteral("maintenance_window/%1").arg(id), windowDetails(window)});
                !ok)
                return ok.error();
            return true;
        });
        if (refusal)
            return refusal;
        if (!written)
            return apiError(written.error());
        *output = std::move(window);
        return std::nullopt;
    }

    ApiStatus listWindows(const v1::ListMaintenanceWindowsRequest &request,
                          v1::ListMaintenanceWindowsResponse *response)
    {
        static const QString fingerprint = QStringLiteral("ListMaintenanceWindows");
        std::optional<WindowListCursor> after;
        if (!request.page_token().empty()) {
            const auto cursor = decodePageToken(QString::fromStdString(request.page_token()), fingerprint);
            if (!cursor || cursor->key.size() != 2)
                return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                                QStringLiteral("page_token is not a token this call returned; start again "
                                               "with an empty page_token"));
            after = WindowListCursor{cursor->key[0], cursor->key[1]};
        }
        const int pageSize = effectivePageSize(m_context, request.page_size());
        // One row beyond the page tells whether another page follows.
        auto windows = m_context.database.read(
            [&](SqliteConnection &connection) { return windowsAfter(connection, after, pageSize + 1); });
        if (!windows)
            return apiError(windows.error());
        const bool more = windows->size() > pageSize;
        for (int i = 0; i < qMin(pageSize, int(windows->size())); ++i)
            *response->add_windows() = std::move((*windows)[i]);
        if (more) {
            const v1::MaintenanceWindow &last = response->windows(pageSize - 1);
            response->set_next_page_token(
                encodePageToken({{QString::fromStdString(last.name()), QString::fromStdString(last.id())}},
                                fingerprint)
                    .toStdString());
        }
        return std::nullopt;
    }

    ApiStatus updateWindow(const Caller &caller, const v1::UpdateMaintenanceWindowRequest &request,
                           v1::MaintenanceWindow *output)
    {
        if (request.window().id().empty())
            return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                            QStringLiteral("window.id is required: it names the window to update"));
        auto validated = validatedWindow(request.window());
        if (auto *error = std::get_if<ApiError>(&validated))
            return *error;
        v1::MaintenanceWindow window = std::get<v1::MaintenanceWindow>(std::move(validated));
        const QString id = QString::fromStdString(window.id());

        ApiStatus refusal;
        auto written = m_context.database.write([&](WriteContext &tx) -> Result<bool> {
            auto stored = storedAtRevision(
                findWindow(tx.sql(), id), request.expected_revision(), refusal, [&] { return notFound(id); },
                staleWindow);
            if (!stored)
                return stored.error();
            const v1::MaintenanceWindow &current = *stored;
            if (auto free = checkNameFree(findWindowByName(tx.sql(), QString::fromStdString(window.name())),
                                          window, refusal, nameTaken);
                !free)
                return free.error();
            auto revision = tx.revision();
            if (!revision)
                return revision.error();
            window.set_created_by(current.created_by());
            *window.mutable_created_at() = current.created_at();
            window.set_updated_by(caller.name.toStdString());
            *window.mutable_updated_at() =
                TimeUtil::MillisecondsToTimestamp(m_context.clock.now().toMSecsSinceEpoch());
            window.set_revision(*revision);
            if (auto ok = saveWindow(tx.sql(), window); !ok)
                return ok.error();
            QJsonObject details = windowDetails(window);
            details.insert(QStringLiteral("previous_revision"), double(current.revision()));
            if (auto ok = tx.audit({caller.name, QStringLiteral("maintenance_window.update"),
                                    QStringLiteral("maintenance_window/%1").arg(id), details});
                !ok)
                return ok.error();
            return true;
        });
        if (refusal)
            return refusal;
        if (!written)
            return apiError(written.error());
        *output = std::move(window);
        return std::nullopt;
    }

    ApiStatus deleteWindow(const Caller &caller, const v1::DeleteMaintenanceWindowRequest &request,
                           v1::DeleteMaintenanceWindowResponse *response)
    {
        const QString id = QString::fromStdString(request.window_id());
        if (id.isEmpty())
            return apiError(grpc::StatusCode::INVALID_ARGUMENT, QStringLiteral("window_id is required"));
        ApiStatus refusal;
        auto written = m_context.database.write([&](WriteContext &tx) -> Result<qint64> {
            auto stored = storedAtRevision(
                findWindow(tx.sql(), id), request.expected_revision(), refusal, [&] { return notFound(id); },
                staleWindow);
            if (!stored)
                return stored.error();
            const v1::MaintenanceWindow &current = *stored;
            auto users = rolloutsBlockingWindowDeletion(tx.sql(), id);
            if (!users)
                return users.error();
            if (!users->isEmpty())
                return refuse(refusal,
                              inUseByRollouts(QStringLiteral("maintenance window %1 is used by rollouts that "
                                                             "are not finished (%2)")
                                                  .arg(id, users->join(QStringLiteral(", "))),
                                              *users));
            if (auto ok = otter::backend::deleteWindow(tx.sql(), id); !ok)
                return ok.error();
            if (auto ok = tx.tombstone(int(v1::OBJECT_KIND_MAINTENANCE_WINDOW), id); !ok)
                return ok.error();
            if (auto ok = tx.audit({caller.name, QStringLiteral("maintenance_window.delete"),
                                    QStringLiteral("maintenance_window/%1").arg(id), windowDetails(current)});
                !ok)
                return ok.error();
            return tx.revision();
        });
        if (refusal)
            return refusal;
        if (!written)
            return apiError(written.error());
        response->set_revision(*written);
        return std::nullopt;
    }

    ApiStatus listOpenings(const v1::ListWindowOpeningsRequest &request,
                           v1::ListWindowOpeningsResponse *response)
    {
        if (request.count() > quint32(MaxOpeningCount))
            return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                            QStringLiteral("count is %1; at most %2 openings are listed per call")
                                .arg(request.count())
                                .arg(MaxOpeningCount));
        const int count = request.count() == 0 ? DefaultOpeningCount : int(request.count());
        const QDateTime from = request.has_start_time()
                                   ? QDateTime::fromMSecsSinceEpoch(
                                         TimeUtil::TimestampToMilliseconds(request.start_time()), Qt::UTC)
                                   : m_context.clock.now();
        v1::MaintenanceWindow window;
        QString field = QStringLiteral("draft");
        switch (request.subject_case()) {
        case v1::ListWindowOpeningsRequest::SUBJECT_NOT_SET:
            return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                            QStringLiteral("set window_id (a stored window) or draft (an unsaved one)"));
        case v1::ListWindowOpeningsRequest::kWindowId: {
            const QString id = QString::fromStdString(request.window_id());
            auto found = m_context.database.read(
                [&](SqliteConnection &connection) { return findWindow(connection, id); });
            if (!found)
                return apiError(found.error());
            if (!found->has_value())
                return notFound(id);
            window = std::move(**found);
            field = QStringLiteral("window %1").arg(id);
            break;
        }
        case v1::ListWindowOpeningsRequest::kDraft:
            window = request.draft();
            break;
        }
        auto schedule = windowSchedule(window, field);
        if (auto *error = std::get_if<ApiError>(&schedule))
            return *error;
        for (const WindowOpening &opening :
             std::get<MaintenanceSchedule>(schedule).nextOpenings(from, count)) {
            v1::WindowOpening *out = response->add_openings();
            *out->mutable_start_time() = TimeUtil::MillisecondsToTimestamp(opening.start.toMSecsSinceEpoch());
            *out->mutable_end_time() = TimeUtil::MillisecondsToTimestamp(opening.end.toMSecsSinceEpoch());
        }
        return std::nullopt;
    }

    ServiceContext &m_context;
};

} // namespace

std::unique_ptr<grpc::Service> makeMaintenanceWindowService(ServiceContext &context)
{
    return std::make_unique<MaintenanceWindowService>(context);
}

} // namespace otter::backend
