// Outbox dialog: a read-only view of the outbox model and the two actions an operator can take on a draft.
#include "ui/dialogs/outbox_dialog.h"

#include "models/records.h"
#include "ui/shell/icons.h"

#include <QAbstractItemModel>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedLayout>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {

OutboxDialog::OutboxDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Outbox"));

    auto *intro =
        new QLabel(tr("Drafts made while offline or not yet accepted by the server. They are sent in "
                      "order when the console is online."),
                   this);
    intro->setWordWrap(true);

    m_view = new QTableView(this);
    m_view->setObjectName(u"drafts"_s);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAlternatingRowColors(true);
    connect(m_view, &QTableView::doubleClicked, this, [this] {
        if (m_resolve->isEnabled())
            resolveSelected();
    });

    m_empty = new QLabel(tr("The outbox is empty: every change has been sent."), this);
    m_empty->setObjectName(u"emptyOutbox"_s);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setEnabled(false);

    m_stack = new QStackedLayout;
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_empty);

    m_resolve = new QPushButton(tr("Resolve Conflict…"), this);
    m_resolve->setObjectName(u"resolve"_s);
    connect(m_resolve, &QPushButton::clicked, this, &OutboxDialog::resolveSelected);
    m_discard = new QPushButton(themedIcon(u"remove"_s), tr("Discard…"), this);
    m_discard->setObjectName(u"discard"_s);
    connect(m_discard, &QPushButton::clicked, this, &OutboxDialog::discardSelected);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_resolve, QDialogButtonBox::ActionRole);
    buttons->addButton(m_discard, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(m_stack, 1);
    layout->addWidget(buttons);
    resize(fontMetrics().averageCharWidth() * 110, fontMetrics().height() * 20);
    updateActions();
    updateEmptyState();
}

void OutboxDialog::setModel(QAbstractItemModel *model)
{
    if (m_model)
        m_model->disconnect(this);
    m_model = model;
    m_view->setModel(model);
    if (model) {
        for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
            connect(model, signal, this, &OutboxDialog::updateEmptyState);
        connect(model, &QAbstractItemModel::modelReset, this, &OutboxDialog::updateEmptyState);
        connect(model, &QAbstractItemModel::dataChanged, this, &OutboxDialog::updateActions);
        connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
                &OutboxDialog::updateActions);
        m_view->resizeColumnsToContents();
        m_view->horizontalHeader()->setStretchLastSection(true);
    }
    updateEmptyState();
}

qint64 OutboxDialog::selectedId() const
{
    if (!m_model || !m_view->selectionModel())
        return -1;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return -1;
    const QVariant id = m_model->index(rows.first().row(), 0).data(IdRole);
    return id.isValid() ? id.toLongLong() : -1;
}

void OutboxDialog::updateActions()
{
    const qint64 id = selectedId();
    m_discard->setEnabled(id >= 0);
    bool conflict = id >= 0;
    if (conflict) {
        const int row = m_view->selectionModel()->selectedRows().first().row();
        const QVariant state = m_model->index(row, 0).data(StateRole);
        const QString name = state.canConvert<models::OutboxEntry>()
                                 ? state.value<models::OutboxEntry>().state
                                 : state.toString();
        conflict = !state.isValid() || name == u"conflict"_s;
    }
    m_resolve->setEnabled(conflict);
    m_resolve->setToolTip(conflict || id < 0
                              ? QString()
                              : tr("Only a draft that met a newer server version has a conflict to "
                                   "resolve."));
}

void OutboxDialog::updateEmptyState()
{
    const bool empty = !m_model || m_model->rowCount() == 0;
    m_stack->setCurrentWidget(empty ? static_cast<QWidget *>(m_empty) : m_view);
    updateActions();
}

void OutboxDialog::resolveSelected()
{
    const qint64 id = selectedId();
    if (id >= 0)
        emit resolveConflictRequested(id);
}

void OutboxDialog::discardSelected()
{
    const qint64 id = selectedId();
    if (id < 0)
        return;
    const auto answer =
        QMessageBox::question(this, tr("Discard Draft"),
                              tr("Discard the selected draft? It is removed from the outbox and never sent. "
                                 "This cannot be undone."),
                              QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Discard)
        emit discardRequested(id);
}

} // namespace otter::ui
