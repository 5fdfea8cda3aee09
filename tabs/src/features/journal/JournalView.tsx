export default function JournalView() {
  return null;
}
