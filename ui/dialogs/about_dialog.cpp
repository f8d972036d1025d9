// About box: the version comes from otter_version.h, the single place the product version lives.
#include "ui/dialogs/about_dialog.h"

#include "otter_version.h"
#include "ui/shell/icons.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About Otter Console"));

    auto *logo = new QLabel(this);
    const int side = fontMetrics().height() * 4;
    logo->setPixmap(themedIcon(u"otter"_s).pixmap(QSize(side, side), devicePixelRatioF()));
    logo->setAlignment(Qt::AlignTop);

    auto *name = new QLabel(tr("Otter Console"), this);
    QFont big = name->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    name->setFont(big);
    auto *version = new QLabel(tr("Version %1").arg(QStringLiteral(OTTER_VERSION)), this);
    version->setObjectName(u"version"_s);
    version->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *description = new QLabel(
        tr("The operations console of Otter, secure over-the-air updates for device fleets: releases, "
           "groups, maintenance windows and staged rollouts, also while offline."),
        this);
    description->setWordWrap(true);
    auto *qt = new QLabel(tr("Built with Qt %1, running on Qt %2.")
                              .arg(QLatin1StringView(QT_VERSION_STR), QLatin1StringView(qVersion())),
                          this);
    qt->setObjectName(u"qtVersion"_s);
    qt->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *texts = new QVBoxLayout;
    texts->addWidget(name);
    texts->addWidget(version);
    texts->addSpacing(8);
    texts->addWidget(description);
    texts->addWidget(qt);
    texts->addStretch(1);

    auto *top = new QHBoxLayout;
    top->addWidget(logo);
    top->addSpacing(12);
    top->addLayout(texts, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
}

QString AboutDialog::versionText() const
{
    return findChild<QLabel *>(u"version"_s)->text();
}

} // namespace otter::ui
