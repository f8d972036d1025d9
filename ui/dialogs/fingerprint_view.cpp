// Fingerprint display used by the CA trust and CA changed dialogs.
#include "ui/dialogs/fingerprint_view.h"

#include "ui/shell/icons.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace otter::ui {

FingerprintView::FingerprintView(QWidget *parent)
    : QWidget(parent)
{
    m_text = new QLabel(this);
    m_text->setObjectName(u"fingerprint"_s);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setFrameShape(QFrame::StyledPanel);
    m_text->setBackgroundRole(QPalette::Base);
    m_text->setAutoFillBackground(true);
    m_text->setMargin(6);

    auto *copy = new QToolButton(this);
    copy->setObjectName(u"copyFingerprint"_s);
    copy->setIcon(themedIcon(u"copy"_s));
    copy->setText(tr("Copy"));
    copy->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    copy->setToolTip(tr("Copy the fingerprint to the clipboard"));
    connect(copy, &QToolButton::clicked, this, [this] { QApplication::clipboard()->setText(m_fingerprint); });

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
    layout->addWidget(copy, 0, Qt::AlignTop);
    layout->addStretch(1);
}

QString FingerprintView::normalised(const QString &fingerprint)
{
    QString hex;
    for (const QChar c : fingerprint) {
        if (c.isDigit() || (c.toUpper() >= u'A' && c.toUpper() <= u'F'))
            hex.append(c.toUpper());
    }
    QStringList pairs;
    for (qsizetype i = 0; i + 1 < hex.size(); i += 2)
        pairs.append(hex.mid(i, 2));
    return pairs.join(u':');
}

QString FingerprintView::grouped(const QString &fingerprint)
{
    const QStringList pairs = normalised(fingerprint).split(u':', Qt::SkipEmptyParts);
    QStringList lines;
    for (qsizetype i = 0; i < pairs.size(); i += 8)
        lines.append(pairs.mid(i, 8).join(u':'));
    return lines.join(u'\n');
}

void FingerprintView::setFingerprint(const QString &fingerprint)
{
    m_fingerprint = normalised(fingerprint);
    m_text->setText(m_fingerprint.isEmpty() ? tr("(none)") : grouped(m_fingerprint));
    // Never let the layout squeeze a line: a clipped pair would make the comparison meaningless.
    const QFontMetrics metrics(m_text->font());
    int widest = 0;
    const QStringList lines = m_text->text().split(u'\n');
    for (const QString &line : lines)
        widest = std::max(widest, metrics.horizontalAdvance(line));
    m_text->setMinimumWidth(widest + 2 * (m_text->margin() + m_text->frameWidth()) +
                            metrics.averageCharWidth());
}

QString FingerprintView::displayedText() const
{
    return m_text->text();
}

} // namespace otter::ui
