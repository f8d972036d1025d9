// Server → Outbox…: the drafts waiting, and the operator's decision on a draft that met a newer server
// version (keep mine against the server's revision, take the server's, or decide later).
#pragma once

#include <QtGlobal>

class QWidget;

namespace otter::models {
class Outbox;
class OutboxModel;
} // namespace otter::models

namespace otter::console {

void reviewOutbox(QWidget *parent, models::Outbox *outbox, models::OutboxModel *model);
// Shows both versions of one conflicting draft and applies the operator's choice.
void resolveConflict(QWidget *parent, models::Outbox *outbox, qint64 outboxId);

} // namespace otter::console
