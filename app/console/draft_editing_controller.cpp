// Group and window editors → outbox drafts; group filter preview.
#include "app/console/draft_editing_controller.h"

#include "app/client/console_client.h"
#include "models/device_table_model.h"
#include "models/outbox.h"
#include "models/records_json.h"
#include "ui/pages/group_editor.h"
#include "ui/pages/groups_page.h"
#include "ui/pages/window_editor.h"
#include "ui/pages/windows_page.h"

#include <QJsonDocument>
#include <QRandomGenerator>

namespace otter::console {
namespace {

QByteArray jsonBytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

DraftEditingController::DraftEditingController(const models::CacheDatabase &database, models::Outbox *outbox,
                                               const ConsolePages &pages, client::ConsoleClient *client,
                                               QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_outbox(outbox)
    , m_pages(pages)
    , m_client(client)
    , m_previewModel(new models::DeviceTableModel(database, this))
{
    ui::GroupEditor *groups = m_pages.groups->editor();
    connect(groups, &ui::GroupEditor::saveRequested, this, &DraftEditingController::saveGroup);
    connect(groups, &ui::GroupEditor::deleteRequested, this, [this](const QString &id, qint64 revision) {
        models::GroupRecord group;
        group.id = id;
        enqueue(QStringLiteral("group"), QStringLiteral("delete"), id, revision,
                jsonBytes(models::toJson(group)));
    });
    connect(groups, &ui::GroupEditor::previewRequested, this, &DraftEditingController::preview);
    connect(m_client, &client::ConsoleClient::filterPreview, this,
            [this](quint64 generation, qint64 count, const QString &error) {
                if (generation != m_previewGeneration)
                    return;
                if (count >= 0)
                    m_pages.groups->editor()->setPreviewCount(count);
                else
                    m_pages.groups->editor()->setPreviewError(0, error);
            });

    ui::WindowEditor *windows = m_pages.windows->editor();
    connect(windows, &ui::WindowEditor::saveRequested, this, &DraftEditingController::saveWindow);
    connect(windows, &ui::WindowEditor::deleteRequested, this, [this](const QString &id, qint64 revision) {
        models::WindowRecord window;
        window.id = id;
        enqueue(QStringLiteral("window"), QStringLiteral("delete"), id, revision,
                jsonBytes(models::toJson(window)));
    });
}

void DraftEditingController::setOnline(bool online)
{
    m_online = online;
}

QString DraftEditingController::newObjectId(const QString &prefix, const QString &name)
{
    QString slug;
    for (const QChar c : name.toLower()) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            slug += c;
        else if (!slug.endsWith(u'-'))
            slug += u'-';
    }
    slug = slug.left(32);
    while (slug.endsWith(u'-'))
        slug.chop(1);
    const QString suffix =
        QString::number(QRandomGenerator::global()->generate(), 16).rightJustified(8, u'0');
    return prefix + u'-' + (slug.isEmpty() ? QString() : slug + u'-') + suffix;
}

void DraftEditingController::saveGroup(models::GroupRecord group, bool isNew)
{
    if (isNew && group.id.isEmpty())
        group.id = newObjectId(QStringLiteral("g"), group.name);
    enqueue(QStringLiteral("group"), isNew ? QStringLiteral("create") : QStringLiteral("update"), group.id,
            isNew ? 0 : group.revision, jsonBytes(models::toJson(group)));
}

void DraftEditingController::saveWindow(models::WindowRecord window, bool isNew)
{
    if (isNew && window.id.isEmpty())
        window.id = newObjectId(QStringLiteral("w"), window.name);
    enqueue(QStringLiteral("window"), isNew ? QStringLiteral("create") : QStringLiteral("update"), window.id,
            isNew ? 0 : window.revision, jsonBytes(models::toJson(window)));
}

void DraftEditingController::enqueue(const QString &kind, const QString &operation, const QString &id,
                                     qint64 revision, const QByteArray &payload)
{
    auto queued = m_outbox->enqueue(kind, operation, id, revision, payload);
    if (!queued) {
        emit notice(tr("The draft could not be saved: %1").arg(queued.errorMessage()));
        return;
    }
    emit notice(m_online ? tr("Sending the %1 to the server…").arg(kind)
                         : tr("Offline: the %1 waits in the outbox and is sent on reconnect.").arg(kind));
}

void DraftEditingController::preview(const QString &filter)
{
    ++m_previewGeneration;
    if (m_online) {
        m_client->previewGroupFilter(filter, m_previewGeneration);
        return;
    }
    // Offline: the cached fleet answers, as of the last sync.
    if (const auto error = m_previewModel->setFilter(filter)) {
        m_pages.groups->editor()->setPreviewError(error->column, error->message);
        return;
    }
    m_pages.groups->editor()->setPreviewCount(m_previewModel->matchingCount());
}

} // namespace otter::console
