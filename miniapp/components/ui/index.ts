// The mini-program's UI kit: each component carries its own styles; tokens.scss holds the colours, sizes and the surface
// mixin page styles build on. Subpackage screens import from here; main-package pages import per component file,
// because this barrel would pull every component (and its styles) into the main package.
export { Actions, Button, type ActionsProps, type ButtonProps, type ButtonVariant } from './Button';
export { Card, InfoRow, type CardProps } from './Card';
export { Checkbox, type CheckboxProps } from './Checkbox';
export { DiffRow, type DiffRowProps } from './DiffRow';
export { Field, FieldValue, TextInput, type FieldProps, type TextInputProps } from './Field';
export { Notice, type NoticeProps, type NoticeTone } from './Notice';
export { PrivacySheet, type PrivacySheetProps } from './PrivacySheet';
export { Section, type SectionProps } from './Section';
export { Choice, ChoiceGroup, Sheet, type ChoiceProps, type SheetProps } from './Sheet';
export { EmptyState, ErrorState, Loading, type EmptyStateProps, type ErrorStateProps } from './States';
export { StepBar, type StepBarProps } from './StepBar';
export { StatusChip, statusTone, Tag, type StatusChipProps, type TagProps, type TagTone } from './Tag';
export { Caption, Link, type CaptionProps, type CaptionTone, type LinkProps } from './Text';
export { BackButton, goBack } from './BackButton';
