// Conflict dialog: a three-column comparison table with the differing rows highlighted.
#include "ui/dialogs/conflict_dialog.h"

#include "ui/shell/palette_tones.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {

ConflictDialog::ConflictDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Resolve Conflict"));

    m_explanation = new QLabel(this);
    m_explanation->setObjectName(u"explanation"_s);
    m_explanation->setWordWrap(true);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(u"comparison"_s);
    m_table->setHorizontalHeaderLabels({tr("Field"), tr("Mine (draft)"), tr("Server's")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    // Wrapped values need their rows re-measured whenever the columns change width.
    connect(m_table->horizontalHeader(), &QHeaderView::sectionResized, m_table,
            [this] { m_table->resizeRowsToContents(); });
    m_table->setWordWrap(true);
    m_table->horizontalHeader()->setSectionResizeMode(FieldColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(MineColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(ServerColumn, QHeaderView::Stretch);

    auto *legend = new QLabel(tr("Highlighted rows differ between your draft and the server."), this);
    legend->setEnabled(false);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *keep = buttons->addButton(tr("Keep Mine"), QDialogButtonBox::AcceptRole);
    keep->setObjectName(u"keepMine"_s);
    keep->setToolTip(tr("Send your draft over the server's version"));
    QPushButton *useServers = buttons->addButton(tr("Use Server's"), QDialogButtonBox::DestructiveRole);
    useServers->setObjectName(u"useServers"_s);
    useServers->setToolTip(tr("Discard your draft and keep the server's version"));
    QPushButton *later = buttons->addButton(tr("Decide Later"), QDialogButtonBox::RejectRole);
    later->setObjectName(u"decideLater"_s);
    later->setToolTip(tr("Leave the draft in the outbox"));
    later->setDefault(true);
    connect(keep, &QPushButton::clicked, this, [this] { choose(Choice::KeepMine); });
    connect(useServers, &QPushButton::clicked, this, [this] { choose(Choice::UseServers); });
    connect(later, &QPushButton::clicked, this, [this] { choose(Choice::DecideLater); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_explanation);
    layout->addWidget(m_table, 1);
    layout->addWidget(legend);
    layout->addWidget(buttons);
    resize(fontMetrics().averageCharWidth() * 120, fontMetrics().height() * 26);
    setDescription({});
}

void ConflictDialog::setDescription(const QString &objectLabel, const QString &serverChange)
{
    const QString what = objectLabel.isEmpty() ? tr("this object") : objectLabel;
    QString text = tr("Your draft of %1 was made against an older version; the server's version has changed "
                      "since.")
                       .arg(what);
    if (!serverChange.isEmpty())
        text += u' ' + serverChange;
    text += u' ' + tr("Nothing is overwritten until you choose.");
    m_explanation->setText(text);
}

QString ConflictDialog::displayValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Undefined:
        return u"—"_s;
    case QJsonValue::Null:
        return tr("(none)");
    case QJsonValue::Bool:
        return value.toBool() ? tr("yes") : tr("no");
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 15);
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array: {
        QStringList parts;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &element : array)
            parts.append(displayValue(element));
        return parts.isEmpty() ? tr("(empty)") : parts.join(u", "_s);
    }
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

void ConflictDialog::setVersions(const QJsonObject &mine, const QJsonObject &servers)
{
    QStringList fields = mine.keys();
    for (const QString &key : servers.keys()) {
        if (!mine.contains(key))
            fields.append(key);
    }
    fields.sort();
    // Differing fields first: they are what the operator has to decide about.
    m_changed.clear();
    QStringList same;
    for (const QString &field : std::as_const(fields)) {
        if (mine.value(field) != servers.value(field))
            m_changed.append(field);
        else
            same.append(field);
    }
    m_table->setRowCount(0);
    int row = 0;
    for (const QStringList *group : {&m_changed, &same}) {
        for (const QString &field : *group) {
            m_table->insertRow(row);
            const bool changed = group == &m_changed;
            const QStringList cells = {field, displayValue(mine.value(field)),
                                       displayValue(servers.value(field))};
            for (int column = 0; column < ColumnCount; ++column) {
                auto *item = new QTableWidgetItem(cells.at(column));
                item->setData(ChangedRole, changed);
                item->setToolTip(cells.at(column));
                if (changed) {
                    QFont bold = item->font();
                    bold.setBold(true);
                    item->setFont(bold);
                }
                m_table->setItem(row, column, item);
            }
            ++row;
        }
    }
    applyHighlight();
    m_table->resizeRowsToContents();
}

void ConflictDialog::applyHighlight()
{
    const QColor background = toneColour(Tone::WarningBackground, palette());
    const QColor text = toneColour(Tone::WarningText, palette());
    for (int row = 0; row < m_table->rowCount(); ++row) {
        for (int column = 0; column < ColumnCount; ++column) {
            QTableWidgetItem *item = m_table->item(row, column);
            if (item && item->data(ChangedRole).toBool()) {
                item->setBackground(background);
                item->setForeground(text);
            }
        }
    }
}

void ConflictDialog::choose(Choice choice)
{
    m_choice = choice;
    if (choice == Choice::DecideLater)
        reject();
    else
        accept();
}

void ConflictDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyHighlight();
    QDialog::changeEvent(event);
}

} // namespace otter::ui
