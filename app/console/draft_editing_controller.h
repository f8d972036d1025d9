// The Groups and Maintenance windows editors: a save or delete becomes an outbox draft (sent at once when
// online, later when not), and the group filter's live preview is counted by the server when online and in
// the offline cache otherwise.
#pragma once

#include "app/console/console_pages.h"
#include "models/cache_database.h"

#include <QObject>

namespace otter::client {
class ConsoleClient;
}
namespace otter::models {
class DeviceTableModel;
class Outbox;
struct GroupRecord;
struct WindowRecord;
} // namespace otter::models

namespace otter::console {

class DraftEditingController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DraftEditingController)

public:
    DraftEditingController(const models::CacheDatabase &database, models::Outbox *outbox,
                           const ConsolePages &pages, client::ConsoleClient *client, QObject *parent);

    void setOnline(bool online);

    // An id for an object made in the console: readable, and unique without asking the server, so that a
    // draft replayed twice is recognised rather than created twice.
    static QString newObjectId(const QString &prefix, const QString &name);

signals:
    void notice(const QString &message);

private:
    void saveGroup(models::GroupRecord group, bool isNew);
    void saveWindow(models::WindowRecord window, bool isNew);
    void enqueue(const QString &kind, const QString &operation, const QString &id, qint64 revision,
                 const QByteArray &payload);
    void preview(const QString &filter);

    models::CacheDatabase m_database;
    models::Outbox *m_outbox;
    ConsolePages m_pages;
    client::ConsoleClient *m_client;
    // Counts the preview offline; never shown in a view.
    models::DeviceTableModel *m_previewModel;
    bool m_online = false;
    quint64 m_previewGeneration = 0;
};

} // namespace otter::console
