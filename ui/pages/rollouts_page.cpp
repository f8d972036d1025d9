// RolloutsPage: describes a rollout's plan (stages, gates, failure policy) and who did what when; hosts the
// action bar, the confirmations and the approval queue.
#include "ui/pages/rollouts_page.h"

#include "models/records.h"
#include "models/rollout_list_model.h"
#include "ui/dialogs/rollout_action_dialog.h"
#include "ui/pages/page_roles.h"
#include "ui/pages/record_table.h"
#include "ui/pages/rollout_action_bar.h"
#include "ui/pages/rollout_approval_pane.h"

#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabBar>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {

RolloutsPage::RolloutsPage(QWidget *parent)
    : RecordListPage(tr("Select a rollout to see its release, targets, stages and history."), parent)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filterBar(new QTabBar(this))
    , m_actions(new RolloutActionBar(this))
    , m_detailStack(new QStackedWidget(this))
    , m_approval(new RolloutApprovalPane(this))
{
    m_proxy->setFilterKeyColumn(models::RolloutListModel::State);
    m_filterBar->setObjectName(u"rolloutFilter"_s);
    m_filterBar->addTab(tr("All rollouts"));
    m_filterBar->addTab(tr("Waiting for approval"));
    m_filterBar->setDrawBase(false);
    m_filterBar->setExpanding(false);

    // The detail pane and the approval pane share the right side of the list.
    auto *splitter = qobject_cast<QSplitter *>(detailView()->parentWidget());
    Q_ASSERT(splitter);
    splitter->replaceWidget(splitter->indexOf(detailView()), m_detailStack);
    m_detailStack->addWidget(detailView());
    m_detailStack->addWidget(m_approval);
    // One row above the list: the filter on the left, the actions on the right; the list keeps the height.
    auto *top = new QHBoxLayout;
    top->addWidget(m_filterBar, 0, Qt::AlignBottom);
    top->addWidget(m_actions, 1);
    auto *pageLayout = static_cast<QVBoxLayout *>(layout());
    pageLayout->insertLayout(0, top);
    pageLayout->setStretchFactor(splitter, 1);
    m_approval->setMinimumWidth(460);

    connect(m_filterBar, &QTabBar::currentChanged, this, [this](int index) {
        m_proxy->setFilterRegularExpression(index == WaitingForApproval ? u"^PENDING_APPROVAL$"_s
                                                                        : QString());
        if (index == WaitingForApproval && m_proxy->rowCount() > 0 && !listView()->currentIndex().isValid())
            listView()->setCurrentIndex(m_proxy->index(0, 0));
        onCurrentChanged();
    });
    connect(m_actions, &RolloutActionBar::newRequested, this, &RolloutsPage::newRolloutRequested);
    connect(m_actions, &RolloutActionBar::openRequested, this, [this] {
        if (const QString id = selectedRollout().id; !id.isEmpty())
            emit openDetailRequested(id);
    });
    connect(m_actions, &RolloutActionBar::actionClicked, this, &RolloutsPage::confirm);
    connect(listView(), &QTableView::doubleClicked, this, [this] {
        if (m_actions->openButton()->isEnabled())
            emit openDetailRequested(selectedRollout().id);
    });
    connect(m_approval, &RolloutApprovalPane::approveRequested, this,
            [this](const QString &id, qint64 revision, const QString &comment) {
                emit actionRequested(models::RolloutAction::Approve, id, revision, comment);
            });
    connect(m_approval, &RolloutApprovalPane::rejectRequested, this,
            [this](const QString &id, qint64 revision, const QString &comment) {
                emit actionRequested(models::RolloutAction::Reject, id, revision, comment);
            });
}

void RolloutsPage::setModel(QAbstractItemModel *model)
{
    if (m_source)
        disconnect(m_source, nullptr, this, nullptr);
    m_source = model;
    m_proxy->setSourceModel(model);
    RecordListPage::setModel(model ? m_proxy : nullptr);
    if (model) {
        connect(listView()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                &RolloutsPage::onCurrentChanged);
        connect(model, &QAbstractItemModel::modelReset, this, &RolloutsPage::onSourceChanged);
        connect(model, &QAbstractItemModel::layoutChanged, this, &RolloutsPage::onSourceChanged);
        connect(model, &QAbstractItemModel::dataChanged, this, &RolloutsPage::onSourceChanged);
        connect(model, &QAbstractItemModel::rowsInserted, this, &RolloutsPage::onSourceChanged);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &RolloutsPage::onSourceChanged);
    }
    m_shownId.clear();
    onSourceChanged();
}

void RolloutsPage::setOnline(bool online)
{
    m_actions->setOnline(online);
}

void RolloutsPage::setOperator(const QString &name, const QString &role)
{
    m_operator = name;
    m_role = role;
    m_actions->setRole(role);
    updateApprovalBlocker();
}

void RolloutsPage::setNames(const RolloutNames &names)
{
    m_approval->setNames(names);
}

void RolloutsPage::setPreview(const QString &rolloutId, const models::RolloutPreviewRecord &preview)
{
    m_approval->setPreview(rolloutId, preview);
}

void RolloutsPage::setPreviewError(const QString &rolloutId, const QString &message)
{
    m_approval->setPreviewError(rolloutId, message);
}

void RolloutsPage::setFilter(Filter filter)
{
    m_filterBar->setCurrentIndex(filter);
}

RolloutsPage::Filter RolloutsPage::filter() const
{
    return m_filterBar->currentIndex() == WaitingForApproval ? WaitingForApproval : AllRollouts;
}

bool RolloutsPage::selectRollout(const QString &rolloutId)
{
    for (int pass = 0; pass < 2; ++pass) {
        for (int row = 0; row < m_proxy->rowCount(); ++row) {
            const QModelIndex index = m_proxy->index(row, 0);
            if (index.data(RecordRole).value<models::RolloutRecord>().id == rolloutId) {
                listView()->setCurrentIndex(index);
                return true;
            }
        }
        if (filter() == AllRollouts)
            return false;
        setFilter(AllRollouts);
    }
    return false;
}

models::RolloutRecord RolloutsPage::selectedRollout() const
{
    const QModelIndex current = listView()->currentIndex();
    if (!current.isValid())
        return {};
    return current.siblingAtColumn(0).data(RecordRole).value<models::RolloutRecord>();
}

void RolloutsPage::onSourceChanged()
{
    int pending = 0;
    if (m_source) {
        for (int row = 0; row < m_source->rowCount(); ++row) {
            if (m_source->index(row, 0).data(RecordRole).value<models::RolloutRecord>().state ==
                u"PENDING_APPROVAL")
                ++pending;
        }
    }
    m_pendingCount = pending;
    m_filterBar->setTabText(WaitingForApproval, pending > 0 ? tr("Waiting for approval (%1)").arg(pending)
                                                            : tr("Waiting for approval"));
    // The base page describes a row only when the selection changes; a synced change must show too.
    if (const QVariant record = selectedRecord(listView()); record.isValid())
        detailView()->setHtml(describeRecord(record));
    onCurrentChanged();
}

void RolloutsPage::onCurrentChanged()
{
    const models::RolloutRecord rollout = selectedRollout();
    // A rollout made offline has no server revision yet: nothing can be done to it before it is sent.
    const QVariant revision =
        listView()->currentIndex().siblingAtColumn(0).data(models::CachedListModel::RevisionRole);
    m_actions->setRollout(rollout, revision.isValid() && revision.toLongLong() == 0);
    const bool approving = filter() == WaitingForApproval;
    m_detailStack->setCurrentWidget(approving ? static_cast<QWidget *>(m_approval) : detailView());
    if (!approving)
        return;
    const bool pending = rollout.state == u"PENDING_APPROVAL";
    m_approval->setRollout(pending ? rollout : models::RolloutRecord{});
    updateApprovalBlocker();
    if (pending && (rollout.id != m_shownId || rollout.revision != m_shownRevision)) {
        m_shownId = rollout.id;
        m_shownRevision = rollout.revision;
        emit previewRequested(rollout.id);
    }
}

void RolloutsPage::updateApprovalBlocker()
{
    const models::RolloutRecord rollout = selectedRollout();
    m_approval->setApprovalBlocker(
        rollout.id.isEmpty() ? QString() : models::approvalBlocker(rollout, m_operator, m_role));
}

void RolloutsPage::confirm(models::RolloutAction action)
{
    const models::RolloutRecord rollout = selectedRollout();
    if (rollout.id.isEmpty())
        return;
    // The server's revision of the row (the record may carry a draft's); a plain model has only the record.
    const QVariant serverRevision =
        listView()->currentIndex().siblingAtColumn(0).data(models::CachedListModel::RevisionRole);
    const qint64 revision = serverRevision.isValid() ? serverRevision.toLongLong() : rollout.revision;
    if (m_confirmation)
        m_confirmation->close();
    auto *dialog = new RolloutActionDialog(action, rollout.name.isEmpty() ? rollout.id : rollout.name, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_confirmation = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog, id = rollout.id, revision] {
        emit actionRequested(dialog->action(), id, revision, dialog->text());
    });
    dialog->open();
}

QString RolloutsPage::recordId(const QVariant &record) const
{
    return record.value<models::RolloutRecord>().id;
}

QString RolloutsPage::describeRecord(const QVariant &record) const
{
    if (!record.canConvert<models::RolloutRecord>())
        return {};
    const auto rollout = record.value<models::RolloutRecord>();
    const QLocale locale;
    QStringList stages;
    for (qsizetype i = 0; i < rollout.stages.size(); ++i) {
        const models::RolloutStageRecord &stage = rollout.stages[i];
        QString line = tr("%1. %2 % of devices, soak %3 min, success ≥ %4 %")
                           .arg(i + 1)
                           .arg(stage.cumulativePercent)
                           .arg(stage.minSoakSeconds / 60)
                           .arg(locale.toString(stage.minSuccessPercent, 'g', 4));
        if (i == rollout.currentStage && (rollout.state == u"RUNNING" || rollout.state == u"PAUSED"))
            line += tr("  ← current");
        stages.append(line);
    }
    auto stamp = [](const models::ActorStampRecord &s) {
        if (s.actor.isEmpty())
            return QString();
        QString text = tr("%1 by %2").arg(formatTime(s.time), s.actor);
        if (!s.comment.isEmpty())
            text += tr(": %1").arg(s.comment);
        return text;
    };
    QList<QPair<QString, QString>> rows = {
        {tr("State"),
         rollout.autoPaused ? tr("%1 (paused by the failure threshold)").arg(rollout.state) : rollout.state},
        {tr("Release"), rollout.releaseId},
        {tr("Target groups"), rollout.targetGroupIds.join(u'\n')},
        {tr("Maintenance window"), rollout.windowId.isEmpty() ? tr("none (any time)") : rollout.windowId},
        {tr("Stages"), stages.join(u'\n')},
        {tr("Failure policy"), tr("pause above %1 % failed after at least %2 finished devices")
                                   .arg(locale.toString(rollout.maxFailurePercent, 'g', 4))
                                   .arg(rollout.minFinished)},
        {tr("Created"), tr("%1 by %2").arg(formatTime(rollout.createdAt), rollout.createdBy)},
    };
    const QList<QPair<QString, const models::ActorStampRecord *>> stamps = {
        {tr("Submitted"), &rollout.submitted}, {tr("Approved"), &rollout.approved},
        {tr("Rejected"), &rollout.rejected},   {tr("Started"), &rollout.started},
        {tr("Paused"), &rollout.paused},       {tr("Finished"), &rollout.finished},
    };
    for (const auto &[label, value] : stamps) {
        if (const QString text = stamp(*value); !text.isEmpty())
            rows.append({label, text});
    }
    if (!rollout.description.isEmpty())
        rows.append({tr("Description"), rollout.description});
    rows.append({tr("Rollout id"), rollout.id});
    return detailHtml(rollout.name.isEmpty() ? rollout.id : rollout.name, rows);
}

} // namespace otter::ui
