// The bottom of the group and window editors: the problem line and the New … Delete Save button row.
#pragma once

class QHBoxLayout;
class QLabel;
class QPushButton;

namespace otter::ui {

// Word-wrapped, in the palette's error colour, hidden until there is a problem to show.
void setUpProblemLabel(QLabel *problem);
// New on the left, Delete and Save (the default button) on the right.
QHBoxLayout *editorButtonRow(QPushButton *newButton, QPushButton *deleteButton, QPushButton *saveButton);

} // namespace otter::ui
