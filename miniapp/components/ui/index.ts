// Shared UI building blocks of the mini-program (one import for pages).
export { Button, type ButtonProps, type ButtonVariant } from './Button';
export { Card, InfoRow, type CardProps } from './Card';
export { StatusChip, statusTone, type ChipTone, type StatusChipProps } from './StatusChip';
export { StepBar, type StepBarProps } from './StepBar';
export { Field, type FieldProps } from './Field';
export { EmptyState, ErrorState, Loading, type EmptyStateProps, type ErrorStateProps } from './States';
