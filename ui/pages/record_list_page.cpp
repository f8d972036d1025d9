// RecordListPage: shared list + detail layout; the detail pane is a QTextBrowser so text can be selected.
#include "ui/pages/record_list_page.h"

#include "ui/pages/record_table.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QItemSelectionModel>
#include <QLocale>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace otter::ui {

RecordListPage::RecordListPage(const QString &placeholder, QWidget *parent)
    : QWidget(parent)
    , m_list(new QTableView(this))
    , m_detail(new QTextBrowser(this))
    , m_placeholder(placeholder)
{
    setUpRecordTable(m_list);
    m_detail->setOpenLinks(false);
    m_detail->setPlaceholderText(placeholder);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_list);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
}

void RecordListPage::setModel(QAbstractItemModel *model)
{
    if (QItemSelectionModel *old = m_list->selectionModel())
        disconnect(old, nullptr, this, nullptr);
    m_list->setModel(model);
    m_detail->clear();
    if (!model)
        return;
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RecordListPage::onSelectionChanged);
    fitColumnsToSample(m_list);
}

void RecordListPage::onSelectionChanged()
{
    const QVariant record = selectedRecord(m_list);
    const QString html = record.isValid() ? describeRecord(record) : QString();
    if (html.isEmpty())
        m_detail->clear();
    else
        m_detail->setHtml(html);
    const QString id = html.isEmpty() ? selectedFirstColumn(m_list) : recordId(record);
    if (!id.isEmpty())
        emit recordSelected(id);
}

QString RecordListPage::detailHtml(const QString &title, const QList<QPair<QString, QString>> &rows)
{
    QString html =
        QStringLiteral("<h3>%1</h3><table cellspacing='0' cellpadding='3'>").arg(title.toHtmlEscaped());
    for (const auto &[label, value] : rows) {
        QString shown = value.toHtmlEscaped();
        // Keep indentation (pretty-printed JSON) and line breaks of multi-line values.
        shown.replace(QStringLiteral("  "), QStringLiteral("&nbsp;&nbsp;"));
        shown.replace(u'\n', QStringLiteral("<br>"));
        html +=
            QStringLiteral("<tr><td valign='top' style='white-space: nowrap'><b>%1</b></td><td>%2</td></tr>")
                .arg(label.toHtmlEscaped(), shown);
    }
    return html + QStringLiteral("</table>");
}

QString RecordListPage::formatTime(const QDateTime &time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat) : QString();
}

} // namespace otter::ui
