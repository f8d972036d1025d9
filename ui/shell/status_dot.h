// A small filled circle in a status colour, sized from the font so it scales with high-DPI and zoom.
#pragma once

#include <QColor>
#include <QWidget>

namespace otter::ui {

class StatusDot final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusDot)

public:
    explicit StatusDot(QWidget *parent = nullptr);

    void setColour(const QColor &colour);
    QColor colour() const { return m_colour; }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QColor m_colour;
};

} // namespace otter::ui
