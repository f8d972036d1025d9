// Outbox dialog and conflict resolution.
#include "app/console/outbox_review.h"

#include "models/outbox.h"
#include "models/outbox_model.h"
#include "ui/dialogs/conflict_dialog.h"
#include "ui/dialogs/outbox_dialog.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>

namespace otter::console {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("OutboxReview", text);
}

void report(QWidget *parent, const Result<void> &result)
{
    if (!result)
        QMessageBox::warning(parent, tr("Outbox"), result.errorMessage());
}

} // namespace

void resolveConflict(QWidget *parent, models::Outbox *outbox, qint64 outboxId)
{
    const auto entry = outbox->entry(outboxId);
    if (!entry || entry->state != QLatin1StringView("conflict"))
        return;
    const QJsonObject mine = QJsonDocument::fromJson(entry->payloadJson).object();
    const QJsonObject servers = QJsonDocument::fromJson(entry->serverPayloadJson).object();
    ui::ConflictDialog dialog(parent);
    dialog.setDescription(tr("%1 “%2”").arg(entry->kind, mine.value(u"name").toString(entry->objectId)),
                          entry->error);
    dialog.setVersions(mine, servers);
    dialog.exec();
    switch (dialog.choice()) {
    case ui::ConflictDialog::Choice::KeepMine:
        // Sent again against the revision the operator has now seen.
        report(parent, outbox->keepMine(outboxId, qint64(servers.value(u"revision").toDouble())));
        break;
    case ui::ConflictDialog::Choice::UseServers:
        report(parent, outbox->discard(outboxId));
        break;
    case ui::ConflictDialog::Choice::DecideLater:
        break;
    }
}

void reviewOutbox(QWidget *parent, models::Outbox *outbox, models::OutboxModel *model)
{
    ui::OutboxDialog dialog(parent);
    dialog.setModel(model);
    QObject::connect(&dialog, &ui::OutboxDialog::resolveConflictRequested, &dialog,
                     [&dialog, outbox](qint64 id) { resolveConflict(&dialog, outbox, id); });
    QObject::connect(&dialog, &ui::OutboxDialog::discardRequested, &dialog,
                     [&dialog, outbox](qint64 id) { report(&dialog, outbox->discard(id)); });
    dialog.exec();
}

} // namespace otter::console
