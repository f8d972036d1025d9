// Server → Outbox…: the drafts waiting to be sent, with Resolve conflict… and Discard.
#pragma once

#include <QDialog>

class QAbstractItemModel;
class QLabel;
class QPushButton;
class QStackedLayout;
class QTableView;

namespace otter::ui {

// Works on any model with one row per draft. Roles read from column 0 of a row:
//   IdRole    (Qt::UserRole + 1): the outbox id (qint64, or its decimal text) carried by the signals;
//   StateRole (Qt::UserRole + 2): the state "queued" | "conflict" | "rejected", or the whole
//             models::OutboxEntry (what models::OutboxModel's RecordRole gives); Resolve conflict… is enabled
//             only for "conflict" (a model without this role leaves it enabled for every draft).
class OutboxDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxDialog)

public:
    static constexpr int IdRole = Qt::UserRole + 1;
    static constexpr int StateRole = Qt::UserRole + 2;

    explicit OutboxDialog(QWidget *parent = nullptr);

    // The dialog does not take ownership.
    void setModel(QAbstractItemModel *model);
    QTableView *view() const { return m_view; }

    // The selected draft's id, or -1.
    qint64 selectedId() const;

signals:
    void resolveConflictRequested(qint64 id);
    // Emitted after the operator confirmed; the models layer removes the row.
    void discardRequested(qint64 id);

private:
    void updateActions();
    void updateEmptyState();
    void resolveSelected();
    void discardSelected();

    QAbstractItemModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QStackedLayout *m_stack = nullptr;
    QLabel *m_empty = nullptr;
    QPushButton *m_resolve = nullptr;
    QPushButton *m_discard = nullptr;
};

} // namespace otter::ui
