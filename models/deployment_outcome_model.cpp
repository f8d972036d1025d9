// DeploymentOutcomeModel: rows of DeploymentRecord, appended page by page.
#include "models/deployment_outcome_model.h"

#include <QLocale>

namespace otter::models {

namespace {

QString formatTime(const QDateTime &time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat) : QString();
}

QString detailText(const DeploymentRecord &record)
{
    QStringList parts;
    if (!record.error.isEmpty())
        parts.append(DeploymentOutcomeModel::stateLabel(record.error));
    if (!record.skipReason.isEmpty())
        parts.append(DeploymentOutcomeModel::stateLabel(record.skipReason));
    if (!record.detail.isEmpty())
        parts.append(record.detail);
    if (record.cancelled)
        parts.append(DeploymentOutcomeModel::tr("cancelled by the abort"));
    return parts.join(QStringLiteral(" · "));
}

} // namespace

DeploymentOutcomeModel::DeploymentOutcomeModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int DeploymentOutcomeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeploymentOutcomeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeploymentOutcomeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DeploymentRecord &record = m_rows.at(index.row());
    if (role == RecordRole)
        return QVariant::fromValue(record);
    if (role == StateRole)
        return record.state;
    if (role == Qt::ToolTipRole && index.column() == Detail)
        return detailText(record);
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Device:
        return record.deviceId;
    case Stage:
        return record.stage < 0 ? tr("none") : QString::number(record.stage + 1);
    case State:
        return stateLabel(record.state);
    case Detail:
        return detailText(record);
    case Started:
        return formatTime(record.createdAt);
    case Updated:
        return formatTime(record.updatedAt);
    case Finished:
        return formatTime(record.finishedAt);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant DeploymentOutcomeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Device:
        return tr("Device");
    case Stage:
        return tr("Stage");
    case State:
        return tr("State");
    case Detail:
        return tr("Detail");
    case Started:
        return tr("Targeted");
    case Updated:
        return tr("Last change");
    case Finished:
        return tr("Finished");
    case ColumnCount:
        break;
    }
    return {};
}

void DeploymentOutcomeModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void DeploymentOutcomeModel::appendPage(const QList<DeploymentRecord> &page)
{
    if (page.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(page.size()) - 1);
    m_rows.append(page);
    endInsertRows();
}

QString DeploymentOutcomeModel::stateLabel(const QString &state)
{
    return state.toLower().replace(u'_', u' ');
}

} // namespace otter::models
