export default function TrainingView() {
  return null;
}
