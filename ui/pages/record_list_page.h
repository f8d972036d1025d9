// RecordListPage: a list of records beside a read-only detail pane describing the selected one. The base
// of the releases, rollouts and audit pages; each subclass only says how to describe its record.
#pragma once

#include <QList>
#include <QPair>
#include <QWidget>

class QAbstractItemModel;
class QTableView;
class QTextBrowser;

namespace otter::ui {

// The selected row's record is read from RecordRole (see page_roles.h).
class RecordListPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordListPage)

public:
    void setModel(QAbstractItemModel *model);

    QTableView *listView() const { return m_list; }
    QTextBrowser *detailView() const { return m_detail; }

signals:
    void recordSelected(const QString &id);

protected:
    explicit RecordListPage(const QString &placeholder, QWidget *parent = nullptr);

    // HTML for the detail pane, or empty when the value is not this page's record type.
    virtual QString describeRecord(const QVariant &record) const = 0;
    virtual QString recordId(const QVariant &record) const = 0;

    // A titled two-column table; values are escaped here.
    static QString detailHtml(const QString &title, const QList<QPair<QString, QString>> &rows);
    static QString formatTime(const QDateTime &time);

private:
    void onSelectionChanged();

    QTableView *m_list = nullptr;
    QTextBrowser *m_detail = nullptr;
    QString m_placeholder;
};

} // namespace otter::ui
