// TimeZoneCombo: an editable combo whose completer matches anywhere in the id ("berl" finds Europe/Berlin).
#include "ui/pages/time_zone_combo.h"

#include <QCompleter>
#include <QLineEdit>
#include <QTimeZone>

namespace otter::ui {

TimeZoneCombo::TimeZoneCombo(QWidget *parent)
    : QComboBox(parent)
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    setMaxVisibleItems(20);
    QStringList ids;
    const QList<QByteArray> available = QTimeZone::availableTimeZoneIds();
    ids.reserve(available.size());
    for (const QByteArray &id : available)
        ids.append(QString::fromUtf8(id));
    ids.sort();
    addItems(ids);
    auto *completer = new QCompleter(ids, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    setCompleter(completer);
    lineEdit()->setPlaceholderText(tr("e.g. Europe/Berlin"));
    connect(this, &QComboBox::currentTextChanged, this,
            [this](const QString &text) { emit timeZoneIdChanged(text.trimmed()); });
}

QString TimeZoneCombo::timeZoneId() const
{
    return currentText().trimmed();
}

void TimeZoneCombo::setTimeZoneId(const QString &id)
{
    const int index = findText(id);
    if (index >= 0)
        setCurrentIndex(index);
    else
        setEditText(id);
}

} // namespace otter::ui
