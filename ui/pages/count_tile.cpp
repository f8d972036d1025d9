// CountTile: a framed panel; the number's font is scaled from the widget font so it follows DPI and theme.
#include "ui/pages/count_tile.h"

#include "ui/pages/semantic_colors.h"

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace otter::ui {

CountTile::CountTile(const QString &caption, QWidget *parent)
    : QFrame(parent)
    , m_value(new QLabel(QStringLiteral("0"), this))
{
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    QFont big = m_value->font();
    big.setPointSizeF(big.pointSizeF() * 2.2);
    big.setBold(true);
    m_value->setFont(big);
    auto *captionLabel = new QLabel(caption, this);
    captionLabel->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_value);
    layout->addWidget(captionLabel);
}

void CountTile::setValue(qint64 value, std::optional<Semantic> highlight)
{
    m_value->setText(QLocale().toString(value));
    QPalette palette = this->palette();
    if (highlight && value != 0)
        palette.setColor(QPalette::WindowText, semanticColor(*highlight, this->palette()));
    m_value->setPalette(palette);
}

QString CountTile::valueText() const
{
    return m_value->text();
}

} // namespace otter::ui
