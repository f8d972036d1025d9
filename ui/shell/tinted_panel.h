// A panel painted in a status tone (warning, danger) that follows the palette between light and dark.
#pragma once

#include "ui/shell/palette_tones.h"

#include <QWidget>

namespace otter::ui {

class TintedPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TintedPanel)

public:
    // background: e.g. Tone::DangerBackground; text: the matching tone for labels inside (Tone::DangerText).
    TintedPanel(Tone background, Tone text, QWidget *parent = nullptr);

    QColor textColour() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    Tone m_background;
    Tone m_text;
};

} // namespace otter::ui
