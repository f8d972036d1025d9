// Help → About: product version and the Qt version it was built with and runs on.
#pragma once

#include <QDialog>

namespace otter::ui {

class AboutDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AboutDialog)

public:
    explicit AboutDialog(QWidget *parent = nullptr);

    // The version line as shown ("Version 0.1.0"), for tests.
    QString versionText() const;
};

} // namespace otter::ui
