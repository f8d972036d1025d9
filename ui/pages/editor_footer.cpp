// Editor footer pieces shared by GroupEditor and WindowEditor.
#include "ui/pages/editor_footer.h"

#include "ui/pages/semantic_colors.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace otter::ui {

void setUpProblemLabel(QLabel *problem)
{
    problem->setWordWrap(true);
    QPalette problemPalette = problem->palette();
    problemPalette.setColor(QPalette::WindowText, semanticColor(Semantic::Error, problem->palette()));
    problem->setPalette(problemPalette);
    problem->hide();
}

QHBoxLayout *editorButtonRow(QPushButton *newButton, QPushButton *deleteButton, QPushButton *saveButton)
{
    auto *buttons = new QHBoxLayout();
    buttons->addWidget(newButton);
    buttons->addStretch(1);
    buttons->addWidget(deleteButton);
    buttons->addWidget(saveButton);
    saveButton->setDefault(true);
    return buttons;
}

} // namespace otter::ui
